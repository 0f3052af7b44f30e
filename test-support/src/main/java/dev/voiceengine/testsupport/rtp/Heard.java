package dev.voiceengine.testsupport.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an {@link RtpCaller} heard: every packet in arrival order, and the arrival times of the audible ones (decoded
 * RMS at or above -50 dBFS), with bounded waits on them. Written by the receiving thread, read by the test's.
 */
final class Heard {
  private static final double AUDIBLE_RMS = 32768 * Math.pow(10, -50 / 20.0);

  private final G711 law;
  private final List<RtpCaller.Received> packets = new ArrayList<>();
  private final List<Long> audible = new ArrayList<>();

  Heard(G711 law) {
    this.law = law;
  }

  synchronized void add(RtpCaller.Received packet) {
    packets.add(packet);
    if (rms(packet.payload()) >= AUDIBLE_RMS) {
      audible.add(packet.nanos());
    }
  }

  synchronized List<RtpCaller.Received> all() {
    return new ArrayList<>(packets);
  }

  /** Waits (at most {@code timeoutMs}) until no packet has arrived for {@code quietMs}. */
  void awaitNoPackets(long quietMs, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    int seen = -1;
    while (System.nanoTime() < deadline) {
      int now;
      synchronized (this) {
        now = packets.size();
      }
      if (now == seen) {
        return;
      }
      seen = now;
      Thread.sleep(quietMs);
    }
  }

  /** Arrival of the first audible packet after {@code since} (nanoTime), or -1 after {@code timeoutMs}. */
  long awaitAudibleAfter(long since, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      synchronized (this) {
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

  /** Waits until an audible packet came and then none for {@code quietMs} (at most {@code timeoutMs}). */
  boolean awaitSilence(long quietMs, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      long last;
      synchronized (this) {
        last = audible.isEmpty() ? 0 : audible.get(audible.size() - 1);
      }
      if (last != 0 && System.nanoTime() - last >= TimeUnit.MILLISECONDS.toNanos(quietMs)) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private double rms(byte[] payload) {
    if (payload.length == 0) {
      return 0;
    }
    double sum = 0;
    for (byte b : payload) {
      double s = law.decode(b);
      sum += s * s;
    }
    return Math.sqrt(sum / payload.length);
  }
}
