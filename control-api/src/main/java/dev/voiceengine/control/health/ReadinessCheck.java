package dev.voiceengine.control.health;

/**
 * One part the engine needs in order to take calls. Parts that control-api does not know (SIP, media, providers)
 * implement this in the server and register with {@link Readiness#register}.
 *
 * <p>{@code /healthz} is open to anyone who can reach the port (load balancers call it without a key), so a check
 * reports only a fixed, short detail such as "not listening": never an address, a path or an exception message.
 */
public interface ReadinessCheck {
  /** The part's name as shown in {@code /healthz}, e.g. {@code sip} or {@code providers.stt}. */
  String name();

  /**
   * Checks the part now. Runs on a blocking thread, may do a little I/O, and is given up on (the part counted down)
   * after {@link Readiness#CHECK_TIMEOUT}. A thrown exception counts the part down as "check failed".
   */
  PartHealth check() throws Exception;
}
