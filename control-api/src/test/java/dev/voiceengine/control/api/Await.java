package dev.voiceengine.control.api;

import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads make true, with a generous bound so a broken build fails, not hangs. */
final class Await {
  private static final long BOUND_NANOS = 10_000_000_000L;

  private Await() {}

  static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + BOUND_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
