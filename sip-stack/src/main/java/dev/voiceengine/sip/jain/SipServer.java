package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.SipCallListener;
import dev.voiceengine.sip.SipSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The SIP side of the engine: listens for INVITEs from trunks, screens them (trunk allow-list 403, capacity 503,
 * dialled number 404, SDP 400, codecs 488), negotiates the SDP and reports each call to a {@link SipCallListener}.
 * Takes a call's in-dialog requests and CANCEL only from that call's peer, and nothing from outside the trunks'
 * networks (403).
 * Each instance owns its own SIP stack, so several can live in one JVM.
 *
 * <pre>{@code
 * try (SipServer sip = new SipServer(settings, listener)) {
 *   sip.start();
 *   int port = sip.port();
 *   ...
 * }
 * }</pre>
 */
public final class SipServer implements AutoCloseable {
  /** How long a 2xx waits for its ACK before we hang up: 64*T1 (RFC 3261 §13.3.1.4). */
  public static final Duration ACK_TIMEOUT = Duration.ofSeconds(32);

  private final JainSipAgent agent;

  /**
   * @throws IllegalArgumentException on unusable settings (unknown transport, port out of range, bad CIDR)
   */
  public SipServer(SipSettings settings, SipCallListener listener) {
    this(settings, listener, ACK_TIMEOUT);
  }

  /** With another ACK timeout than 64*T1 (tests use a shorter one). */
  public SipServer(SipSettings settings, SipCallListener listener, Duration ackTimeout) {
    this.agent = new JainSipAgent(Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(ackTimeout, "ackTimeout"));
  }

  /**
   * Starts the stack and listens on every configured transport, all on one port. Port 0 picks one that is free for
   * UDP and TCP alike.
   *
   * @throws IOException when the port cannot be bound or the stack does not start
   */
  public void start() throws IOException {
    agent.start();
  }

  /** The bound port, after {@link #start()}; -1 before. */
  public int port() {
    return agent.port();
  }

  /**
   * Whether SIP requests can arrive: the stack runs, listens on every configured transport and is not shutting down.
   * Any thread; cheap.
   */
  public boolean listening() {
    return agent.listening();
  }

  /** Dialogs not yet ended, ringing ones included. */
  public int activeCalls() {
    return agent.activeCalls();
  }

  /**
   * Ends a call from our side: BYE when answered (sent once the ACK is in, if it is not yet), a final 480 to the INVITE
   * when still ringing. The listener then gets {@code onEnded(ref, LOCAL_BYE)}, once. Unknown or ended refs: no-op.
   */
  public void hangup(String ref) {
    agent.hangup(ref);
  }

  /**
   * Places a call through {@code call.trunk()}: an INVITE with our offer (PCMU, PCMA, telephone-event), digest
   * credentials on a 401/407 (once), CANCEL after the trunk's ring timeout. The listener hears ringing, the answer
   * (after our ACK) and the end, with a final response mapped to an outcome. {@link #hangup} ends it (CANCEL while it
   * rings, BYE once answered). May block on looking up the trunk's host name: call it off event loops.
   *
   * @throws IOException when the server is not running or shutting down, or the INVITE cannot be sent
   */
  public void dial(dev.voiceengine.sip.outbound.OutboundInvite call,
      dev.voiceengine.sip.outbound.OutboundCallListener listener) throws IOException {
    agent.dial(Objects.requireNonNull(call, "call"), Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Blind transfer of an answered call, inbound or outbound, by REFER (RFC 3515) to an E.164 number (sent to the
   * call's trunk) or a SIP URI. Progress comes to {@code listener}; on success our leg ends with BYE.
   *
   * @throws IllegalArgumentException when the target is neither form
   * @throws IllegalStateException    when the call is not answered or a transfer of it is under way
   */
  public void transfer(String ref, String target, dev.voiceengine.sip.outbound.TransferListener listener) {
    agent.transfer(ref, target, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Sends BYE on every live call (503 to unanswered INVITEs), each reported as {@code onEnded(ref, SHUTDOWN)}, and the
   * BYEs still owed by calls hung up before the ACK of our 200 (after up to a second's wait for that ACK), waits a
   * little for the BYE responses and stops the stack. Returns within a few seconds.
   */
  @Override
  public void close() {
    agent.close();
  }
}
