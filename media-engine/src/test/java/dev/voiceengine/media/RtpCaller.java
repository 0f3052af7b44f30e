package dev.voiceengine.media;

import dev.voiceengine.media.codec.MuLaw;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A caller on a real UDP socket: sends its audio as 20 ms PCMU packets on a fixed schedule (packet {@code i} at
 * {@code start + i × 20 ms} of the monotonic clock, so delays never accumulate), then silence until closed, and
 * records every packet the engine sends with the monotonic time it arrived.
 */
public final class RtpCaller implements AutoCloseable {
  public static final int FRAME = 160;
  private static final long FRAME_NANOS = 20_000_000L;
  public static final byte MULAW_SILENCE = MuLaw.encode((short) 0);

  /** A packet from the engine: when it arrived (nanoTime), its sequence number, timestamp and payload. */
  public record Received(long nanos, int seq, long timestamp, byte[] payload) {
    /** Whether every sample is digital silence. */
    public boolean silent() {
      for (byte b : payload) {
        if (b != MULAW_SILENCE) {
          return false;
        }
      }
      return true;
    }
  }

  private final DatagramSocket socket;
  private final List<Received> received = new ArrayList<>();
  private volatile long[] sentNanos = new long[0];
  private volatile boolean closed;
  private Thread sender;
  private Thread receiver;

  public RtpCaller() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Starts listening, and sends {@code audio} to {@code engine} in real time from now (silence after it). */
  public void start(InetSocketAddress engine, short[] audio) {
    int frames = (audio.length + FRAME - 1) / FRAME;
    sentNanos = new long[frames];
    receiver = new Thread(this::receive, "caller-rx");
    receiver.setDaemon(true);
    receiver.start();
    sender = new Thread(() -> send(engine, audio, frames), "caller-tx");
    sender.setDaemon(true);
    sender.start();
  }

  /** When frame {@code i} of the audio was sent (nanoTime), or 0 if it was not sent yet. */
  public long sentNanos(int frame) {
    return sentNanos[frame];
  }

  /**
   * Waits (at most 2 s) until no packet has arrived for 100 ms, so what the engine sent before it stopped has been
   * read off the socket.
   */
  public void awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    int seen = -1;
    while (System.nanoTime() < deadline) {
      int now;
      synchronized (received) {
        now = received.size();
      }
      if (now == seen) {
        return;
      }
      seen = now;
      Thread.sleep(100);
    }
  }

  /** Every packet received so far, in arrival order. */
  public List<Received> received() {
    synchronized (received) {
      return new ArrayList<>(received);
    }
  }

  private void send(InetSocketAddress engine, short[] audio, int frames) {
    long start = System.nanoTime();
    short[] frame = new short[FRAME];
    ByteBuffer b = ByteBuffer.allocate(12 + FRAME);
    for (int i = 0; !closed; i++) {
      long due = start + i * FRAME_NANOS;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      Arrays.fill(frame, (short) 0);
      if (i < frames) {
        System.arraycopy(audio, i * FRAME, frame, 0, Math.min(FRAME, audio.length - i * FRAME));
      }
      b.clear();
      b.put((byte) 0x80).put((byte) (i == 0 ? 0x80 : 0)).putShort((short) i).putInt(FRAME * i).putInt(0x5151);
      for (short s : frame) {
        b.put(MuLaw.encode(s));
      }
      try {
        socket.send(new DatagramPacket(b.array(), b.position(), engine));
      } catch (IOException e) {
        return; // closed
      }
      if (i < frames) {
        sentNanos[i] = System.nanoTime();
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
        return; // closed
      }
      long now = System.nanoTime();
      int n = d.getLength();
      if (n < 12 || (buf[0] & 0xC0) != 0x80) {
        continue;
      }
      int headerLength = 12 + 4 * (buf[0] & 0x0F);
      int seq = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
      long ts = ByteBuffer.wrap(buf, 4, 4).getInt() & 0xFFFFFFFFL;
      Received r = new Received(now, seq, ts, Arrays.copyOfRange(buf, headerLength, n));
      synchronized (received) {
        received.add(r);
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
