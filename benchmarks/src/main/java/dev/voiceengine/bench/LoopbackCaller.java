package dev.voiceengine.bench;

import dev.voiceengine.media.codec.MuLaw;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A caller on a real UDP socket: 20 ms PCMU packets on a fixed schedule (packet {@code i} at {@code start + i × 20
 * ms} of the monotonic clock, no drift), silence unless it is saying something, and the arrival times (nanoTime) of
 * every packet from the engine that carries sound (decoded μ-law above -50 dBFS RMS).
 */
final class LoopbackCaller implements AutoCloseable {
  private static final int FRAME = 160;
  private static final long FRAME_NANOS = 20_000_000L;
  private static final double AUDIBLE_RMS = 32768 * Math.pow(10, -50 / 20.0);

  private final DatagramSocket socket;
  private final List<Long> audible = new ArrayList<>();
  private volatile Utterance saying;
  private volatile boolean closed;
  private Thread sender;
  private Thread receiver;

  /** Something to say, and when its last frame went out. */
  private record Utterance(short[] pcm, CompletableFuture<Long> lastFrameSent) {}

  LoopbackCaller() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void start(InetSocketAddress engine, String name) {
    receiver = new Thread(this::receive, name + "-rx");
    receiver.setDaemon(true);
    receiver.start();
    sender = new Thread(() -> send(engine), name + "-tx");
    sender.setDaemon(true);
    sender.start();
  }

  /** Says {@code pcm} from the next packet on; completes with the nanoTime its last frame was sent. */
  CompletableFuture<Long> say(short[] pcm) {
    Utterance u = new Utterance(pcm, new CompletableFuture<>());
    saying = u;
    return u.lastFrameSent();
  }

  /** Arrival of the first audible packet received after {@code since} (nanoTime), or -1 after {@code timeoutMs}. */
  long awaitAudibleAfter(long since, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      synchronized (audible) {
        for (int i = audible.size() - 1; i >= 0 && audible.get(i) > since; i--) {
          if (i == 0 || audible.get(i - 1) <= since) {
            return audible.get(i);
          }
        }
      }
      Thread.sleep(5);
    }
    return -1;
  }

  /** Waits until no audible packet came for {@code quietMs} (at most {@code timeoutMs}); returns whether it did. */
  boolean awaitQuiet(long quietMs, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      long last;
      synchronized (audible) {
        last = audible.isEmpty() ? 0 : audible.get(audible.size() - 1);
      }
      if (last != 0 && System.nanoTime() - last >= TimeUnit.MILLISECONDS.toNanos(quietMs)) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private void send(InetSocketAddress engine) {
    long start = System.nanoTime();
    ByteBuffer b = ByteBuffer.allocate(12 + FRAME);
    Utterance current = null;
    int at = 0;
    for (int i = 0; !closed; i++) {
      long due = start + i * FRAME_NANOS;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      if (saying != null && saying != current) {
        current = saying;
        at = 0;
      }
      b.clear();
      b.put((byte) 0x80).put((byte) (i == 0 ? 0x80 : 0)).putShort((short) i).putInt(FRAME * i).putInt(0x7e57);
      boolean last = false;
      for (int k = 0; k < FRAME; k++) {
        short s = current != null && at < current.pcm().length ? current.pcm()[at++] : 0;
        b.put(MuLaw.encode(s));
      }
      if (current != null && at >= current.pcm().length) {
        last = true;
      }
      try {
        socket.send(new DatagramPacket(b.array(), b.position(), engine));
      } catch (IOException e) {
        return;
      }
      if (last) {
        current.lastFrameSent().complete(System.nanoTime());
        saying = saying == current ? null : saying;
        current = null;
      }
    }
  }

  private void receive() {
    byte[] buf = new byte[2048];
    while (!closed) {
      DatagramPacket d = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(d);
      } catch (IOException e) {
        return;
      }
      long now = System.nanoTime();
      int header = 12 + 4 * (buf[0] & 0x0F);
      double sum = 0;
      for (int i = header; i < d.getLength(); i++) {
        double s = MuLaw.decode(buf[i]);
        sum += s * s;
      }
      int n = d.getLength() - header;
      if (n > 0 && Math.sqrt(sum / n) >= AUDIBLE_RMS) {
        synchronized (audible) {
          audible.add(now);
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    socket.close();
    if (sender != null) {
      sender.join(2000);
    }
    if (receiver != null) {
      receiver.join(2000);
    }
  }
}
