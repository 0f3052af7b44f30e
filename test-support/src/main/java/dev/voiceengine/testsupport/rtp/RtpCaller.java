package dev.voiceengine.testsupport.rtp;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A caller on a real UDP socket of 127.0.0.1, an RTP peer independent of the engine's code: sends 20 ms G.711
 * packets on a fixed schedule (packet {@code i} at {@code start + i × 20 ms} of the monotonic clock, so delays never
 * accumulate), silence unless it is saying something, and records every packet the engine sends with the
 * monotonic time it arrived. What it says and hears is timed to the packet, for latency and barge-in measurements.
 */
public final class RtpCaller implements AutoCloseable {
  /** Samples in a packet: 20 ms at 8 kHz. */
  public static final int FRAME = 160;
  /** μ-law digital silence. */
  public static final byte MULAW_SILENCE = G711.ULAW.silence();
  private static final long FRAME_NANOS = 20_000_000L;
  private static final int SSRC = 0x5151;

  private final G711 law;
  private final DatagramSocket socket;
  private final Heard heard;
  private volatile Utterance saying;
  private volatile Utterance lastSaid = new Utterance(new short[0]);
  private volatile boolean closed;
  private Thread sender;
  private Thread receiver;

  /** A packet from the engine: when it arrived (nanoTime), its sequence number, timestamp and payload. */
  public record Received(long nanos, int seq, long timestamp, byte[] payload, G711 law) {
    /** Whether every sample is digital silence. */
    public boolean silent() {
      byte silence = law.silence();
      for (byte b : payload) {
        if (b != silence) {
          return false;
        }
      }
      return true;
    }
  }

  /** A μ-law (PCMU) caller. */
  public RtpCaller() throws SocketException {
    this(G711.ULAW);
  }

  /** A caller sending and hearing {@code law}. */
  public RtpCaller(G711 law) throws SocketException {
    this.law = law;
    this.heard = new Heard(law);
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Starts listening, and sends {@code audio} to {@code engine} in real time from the first packet (then silence). */
  public void start(InetSocketAddress engine, short[] audio) {
    say(audio);
    start(engine, "caller");
  }

  /** Starts listening and sending silence to {@code engine}; threads are named after {@code name}. */
  public void start(InetSocketAddress engine, String name) {
    receiver = new Thread(this::receive, name + "-rx");
    receiver.setDaemon(true);
    receiver.start();
    sender = new Thread(() -> send(engine), name + "-tx");
    sender.setDaemon(true);
    sender.start();
  }

  /**
   * Says {@code pcm} (8 kHz) from the next packet on, in place of anything still being said.
   *
   * @return completes with the nanoTime its last frame was sent
   */
  public CompletableFuture<Long> say(short[] pcm) {
    Utterance u = new Utterance(pcm);
    lastSaid = u;
    saying = u;
    return u.lastFrameSent;
  }

  /** When frame {@code i} of what was said last was sent (nanoTime), or 0 if it was not sent yet. */
  public long sentNanos(int frame) {
    return lastSaid.sentNanos[frame];
  }

  /** Every packet received so far, in arrival order. */
  public List<Received> received() {
    return heard.all();
  }

  /**
   * Waits (at most 2 s) until no packet has arrived for 100 ms, so what the engine sent before it stopped has been
   * read off the socket.
   */
  public void awaitQuiet() throws InterruptedException {
    heard.awaitNoPackets(100, 2000);
  }

  /**
   * Arrival (nanoTime) of the first audible packet (decoded RMS above -50 dBFS) received after {@code since}, or -1
   * after {@code timeoutMs}.
   */
  public long awaitAudibleAfter(long since, long timeoutMs) throws InterruptedException {
    return heard.awaitAudibleAfter(since, timeoutMs);
  }

  /**
   * Waits until an audible packet has come and then none for {@code quietMs} (at most {@code timeoutMs}): the
   * engine finished saying something. @return whether it did
   */
  public boolean awaitSilence(long quietMs, long timeoutMs) throws InterruptedException {
    return heard.awaitSilence(quietMs, timeoutMs);
  }

  private void send(InetSocketAddress engine) {
    long start = System.nanoTime();
    short[] frame = new short[FRAME];
    ByteBuffer b = ByteBuffer.allocate(12 + FRAME);
    Utterance current = null;
    int at = 0;
    for (int i = 0; !closed; i++) {
      long due = start + i * FRAME_NANOS;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      Utterance next = saying;
      if (next != null && next != current) {
        current = next;
        at = 0;
      }
      Arrays.fill(frame, (short) 0);
      if (current != null) {
        current.copyFrame(at, frame);
      }
      b.clear();
      b.put((byte) 0x80).put((byte) ((i == 0 ? 0x80 : 0) | law.payloadType())).putShort((short) i)
          .putInt(FRAME * i).putInt(SSRC);
      for (short s : frame) {
        b.put(law.encode(s));
      }
      try {
        socket.send(new DatagramPacket(b.array(), b.position(), engine));
      } catch (IOException e) {
        return; // closed
      }
      if (current != null && current.sent(at++, System.nanoTime())) {
        if (saying == current) {
          saying = null;
        }
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
        return; // closed
      }
      long now = System.nanoTime();
      int n = d.getLength();
      int headerLength = 12 + 4 * (buf[0] & 0x0F); // RFC 3550 §5.1: CSRCs follow the fixed header
      if (n < headerLength || (buf[0] & 0xC0) != 0x80) {
        continue;
      }
      int seq = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
      long ts = ByteBuffer.wrap(buf, 4, 4).getInt() & 0xFFFFFFFFL;
      heard.add(new Received(now, seq, ts, Arrays.copyOfRange(buf, headerLength, n), law));
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

  /** Something to say: its samples, when each frame went out, and when the last one did. */
  private static final class Utterance {
    final short[] pcm;
    final long[] sentNanos;
    final CompletableFuture<Long> lastFrameSent = new CompletableFuture<>();

    Utterance(short[] pcm) {
      this.pcm = pcm;
      this.sentNanos = new long[(pcm.length + FRAME - 1) / FRAME];
    }

    void copyFrame(int frame, short[] into) {
      int from = frame * FRAME;
      if (from < pcm.length) {
        System.arraycopy(pcm, from, into, 0, Math.min(FRAME, pcm.length - from));
      }
    }

    /** Notes that {@code frame} went out at {@code nanos}. @return whether it was the last */
    boolean sent(int frame, long nanos) {
      if (frame < sentNanos.length) {
        sentNanos[frame] = nanos;
      }
      if (frame >= sentNanos.length - 1) {
        lastFrameSent.complete(nanos);
        return true;
      }
      return false;
    }
  }
}
