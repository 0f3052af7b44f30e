package dev.voiceengine.testsupport.leaks;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Makes Netty report the leaks that have happened so far. A leaked buffer is only noticed once the garbage collector
 * has found it unreachable and handed its weak reference over, and reported on a later tracked allocation. So: collect
 * garbage until that hand-over is known to be done, then allocate (and release) one buffer through each Netty on the
 * class path, the project's and gRPC's shaded copy. Netty is reached by name, so a module without it costs nothing.
 */
final class LeakProbe {
  private static final List<String> NETTY_PACKAGES = List.of("io.netty", "io.grpc.netty.shaded.io.netty");
  /** Bound on waiting for one collection's weak references to be handed over (normally milliseconds). */
  private static final long HAND_OVER_TIMEOUT_MILLIS = 10_000;

  private LeakProbe() {}

  /** Sets every Netty on the class path to track every buffer (whatever the system property said). */
  static void trackEveryBuffer() {
    for (String pkg : NETTY_PACKAGES) {
      Class<?> detector = load(pkg + ".util.ResourceLeakDetector");
      Class<?> level = load(pkg + ".util.ResourceLeakDetector$Level");
      if (detector != null && level != null) {
        call(detector, null, "setLevel", level, enumConstant(level, "PARANOID"));
      }
    }
  }

  /** Collects garbage, then allocates through every Netty so that its detector reports what was leaked. */
  static void provokeReports() throws InterruptedException {
    handOverGarbage();
    for (String pkg : NETTY_PACKAGES) {
      Class<?> unpooled = load(pkg + ".buffer.Unpooled");
      Class<?> referenceCounted = load(pkg + ".util.ReferenceCounted");
      if (unpooled != null && referenceCounted != null) {
        Object buf = call(unpooled, null, "directBuffer", int.class, 1); // heap buffers are not tracked
        call(referenceCounted, buf, "release", null, null);
      }
    }
  }

  /**
   * Runs full collections until a fresh canary's weak reference is enqueued, twice: references cleared by one
   * collection are handed to the reference queues together, and the second canary is only handed over after
   * everything the first collection found, a leaked buffer's tracker among it.
   */
  private static void handOverGarbage() throws InterruptedException {
    for (int round = 0; round < 2; round++) {
      ReferenceQueue<Object> queue = new ReferenceQueue<>();
      WeakReference<Object> canary = new WeakReference<>(new Object(), queue);
      long deadline = System.nanoTime() + HAND_OVER_TIMEOUT_MILLIS * 1_000_000;
      do {
        System.gc();
      } while (queue.remove(100) == null && System.nanoTime() < deadline);
      Reference.reachabilityFence(canary);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, true, LeakProbe.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static Object enumConstant(Class<?> type, String name) {
    for (Object c : type.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return c;
      }
    }
    throw new IllegalStateException(type + " has no " + name);
  }

  /** Calls public {@code type.method(arg)} on {@code receiver} (null for a static method; no argument if none). */
  private static Object call(Class<?> type, Object receiver, String method, Class<?> param, Object arg) {
    try {
      return param == null ? type.getMethod(method).invoke(receiver)
          : type.getMethod(method, param).invoke(receiver, arg);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + type.getName() + "." + method, e);
    }
  }
}
