package dev.voiceengine.sip.jain;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every SIP message sent and received at TRACE on logger "dev.voiceengine.sip.wire"; writes no file. */
public final class Slf4jServerLogger implements ServerLogger {
  private static final Logger WIRE = LoggerFactory.getLogger("dev.voiceengine.sip.wire");

  /** Instantiated by jain-sip through the SERVER_LOGGER property. */
  public Slf4jServerLogger() {}

  @Override
  public void closeLogFile() {}

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    log(message, from, to, sender);
  }

  private static void log(SIPMessage message, String from, String to, boolean sender) {
    if (WIRE.isTraceEnabled()) {
      WIRE.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
    }
  }

  @Override
  public void logException(Exception ex) {
    WIRE.debug("jain-sip message log exception", ex);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public void setSipStack(SipStack sipStack) {}
}
