package dev.voiceengine.sip.jain;

import gov.nist.core.net.SecurityManagerProvider;
import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * We listen on UDP and TCP only. jain-sip's defaults set up TLS key and trust stores and a TLS policy anyway, and log
 * six warnings about them on every start; this does nothing, quietly. Plugged in through the SECURITY_MANAGER_PROVIDER
 * and TLS_SECURITY_POLICY properties.
 */
public final class NoTls implements SecurityManagerProvider, TlsSecurityPolicy {
  /** Instantiated by jain-sip. */
  public NoTls() {}

  @Override
  public void init(Properties properties) {}

  @Override
  public KeyManager[] getKeyManagers(boolean client) {
    return new KeyManager[0];
  }

  @Override
  public TrustManager[] getTrustManagers(boolean client) {
    return new TrustManager[0];
  }

  @Override
  public void enforceTlsPolicy(ClientTransactionExt transaction) {}
}
