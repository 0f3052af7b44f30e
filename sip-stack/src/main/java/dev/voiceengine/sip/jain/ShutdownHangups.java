package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.CallEnd;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How close() ends every call before the stack stops, bounded in time: a final response to each unanswered INVITE,
 * a BYE to each answered call, and the BYEs owed by calls hung up before the ACK of our 2xx.
 */
final class ShutdownHangups {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownHangups.class);
  /** The most it waits, for late ACKs and then for the final responses to our BYEs. */
  static final Duration WAIT = Duration.ofSeconds(2);
  /** Of that, what a BYE owed until the ACK of our 2xx waits for it: one 2xx retransmission (T1) and a round trip. */
  static final Duration ACK_WAIT = Duration.ofSeconds(1);

  private ShutdownHangups() {}

  /**
   * Hangs up every live dialog; gives the ACKs that owed BYEs wait for {@link #ACK_WAIT} (an ACK that comes sends
   * its BYE at once), then sends the rest anyway ({@link InboundDialog#sendOwedBye} says why); then waits for the
   * BYEs' final responses until {@link #WAIT} is up.
   */
  static void run(LiveDialogs dialogs, ByeSender byes) {
    long start = System.nanoTime();
    for (InboundDialog d : dialogs.snapshot()) {
      try {
        d.hangup(CallEnd.SHUTDOWN);
      } catch (RuntimeException e) {
        LOG.warn("hanging up {} at shutdown failed", d.ref(), e);
      }
    }
    awaitUntil(dialogs::noByeOwed, start + ACK_WAIT.toNanos());
    for (InboundDialog d : dialogs.owingBye()) {
      try {
        d.sendOwedBye();
      } catch (RuntimeException e) {
        LOG.warn("sending the BYE owed by {} at shutdown failed", d.ref(), e);
      }
    }
    awaitUntil(byes::idle, start + WAIT.toNanos());
  }

  private static void awaitUntil(BooleanSupplier done, long deadlineNanos) {
    while (!done.getAsBoolean() && System.nanoTime() - deadlineNanos < 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
