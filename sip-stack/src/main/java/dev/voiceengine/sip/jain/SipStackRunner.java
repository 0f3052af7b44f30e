package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.SipSettings;
import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TooManyListenersException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one jain-sip stack: its properties, one listening point per transport on a single port, and the
 * provider that delivers the stack's events. Kept apart from the event handling so that stack quirks (stop sleeps,
 * port 0, wildcard binds) stay in one place.
 */
final class SipStackRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SipStackRunner.class);
  private static final Duration STACK_STOP_WAIT = Duration.ofSeconds(5);

  private final SipSettings settings;
  private final String stackName;
  private volatile SipStackImpl stack;
  private SipProvider provider;
  private int port = -1;

  SipStackRunner(SipSettings settings, String stackName) {
    this.settings = settings;
    this.stackName = stackName;
  }

  /**
   * Creates the stack, listens on every configured transport and starts delivering events to {@code listener}. Every
   * request passes {@code gate} first, before the stack gives it a transaction or a dialog.
   */
  SipProvider start(SipListener listener, SIPMessageValve gate) throws IOException {
    // Route logging done before the first stack exists (static initialisers) to slf4j as well.
    if (!(CommonLogger.legacyLogger instanceof Slf4jStackLogger)) {
      CommonLogger.legacyLogger = new Slf4jStackLogger();
    }
    try {
      stack = new SipStackImpl(stackProperties());
      // The valve list is public and read for every request; the property SIP_MESSAGE_VALVE would make the stack
      // create its own instance by name, with no way to hand it our dialogs. Added before listen(): the sockets start
      // reading as soon as their listening points exist.
      stack.sipMessageValves.add(gate);
      List<ListeningPoint> points = listen();
      provider = stack.createSipProvider(points.get(0));
      for (int i = 1; i < points.size(); i++) {
        provider.addListeningPoint(points.get(i));
      }
      provider.addSipListener(listener);
      stack.start();
      return provider;
    } catch (IOException e) {
      stop();
      throw e;
    } catch (SipException | TooManyListenersException | RuntimeException e) {
      stop();
      throw new IOException("cannot start SIP stack: " + e.getMessage(), e);
    }
  }

  /** Whether the stack is running with a listening point for every configured transport. Any thread. */
  boolean listening() {
    SipStackImpl s = stack;
    if (s == null || !s.isAlive()) {
      return false;
    }
    int points = 0;
    for (Iterator<?> it = s.getListeningPoints(); it.hasNext(); it.next()) {
      points++;
    }
    return points == settings.transports().size();
  }

  /** The port every transport listens on (-1 before start). */
  int port() {
    return port;
  }

  private Properties stackProperties() {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", stackName);
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE",
        Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(64 * 1024));
    // TCP: one thread per connection in jain-sip; bound them, and do not let a slow sender hold one forever
    p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "1024");
    p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "5000");
    p.setProperty("gov.nist.javax.sip.THREAD_AUDIT_INTERVAL_IN_MILLISECS", "0");
    p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", NoTls.class.getName());
    p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", NoTls.class.getName());
    return p;
  }

  /** Listening points for each transport on the same port; for port 0, a port free for all of them. */
  private List<ListeningPoint> listen() throws IOException, SipException {
    String bind = settings.bindAddress();
    int attempts = settings.port() == 0 ? 10 : 1;
    Exception last = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      int p = settings.port() == 0 ? freePort(bind) : settings.port();
      List<ListeningPoint> points = new ArrayList<>();
      try {
        String sentBy = InetAddress.getByName(bind).isAnyLocalAddress() ? advertisedHost() + ":" + p : null;
        for (String t : settings.transports()) {
          ListeningPoint lp = stack.createListeningPoint(bind, p, t.toLowerCase(Locale.ROOT));
          points.add(lp);
          if (sentBy != null) {
            // bound to every interface: Via sent-by must still name one we can be reached at
            lp.setSentBy(sentBy);
          }
        }
        port = p;
        return points;
      } catch (javax.sip.TransportNotSupportedException | javax.sip.InvalidArgumentException
               | java.text.ParseException e) {
        last = e;
        for (ListeningPoint lp : points) {
          try {
            stack.deleteListeningPoint(lp);
          } catch (javax.sip.ObjectInUseException ignored) {
            // not attached to a provider yet
          }
        }
      }
    }
    throw new IOException("cannot listen on " + bind + ":" + settings.port() + ": "
        + (last == null ? "" : last.getMessage()), last);
  }

  /**
   * The address to put in Via and Contact when bound to the wildcard address: the first IPv4 address of an interface
   * that is up and not loopback, else the loopback address. Behind NAT a configured public address would be needed.
   */
  static String advertisedHost() {
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      LOG.debug("cannot list network interfaces", e);
    }
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  /** A port that is free for both UDP and TCP right now. */
  private static int freePort(String bind) throws IOException {
    InetAddress address = InetAddress.getByName(bind);
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
        int p = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket()) {
          tcp.setReuseAddress(true);
          tcp.bind(new InetSocketAddress(address, p));
          return p;
        } catch (IOException busy) {
          // taken for TCP: try another
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP on " + bind);
  }

  /** Stops the stack, bounded in time. Idempotent. */
  void stop() {
    SipStackImpl s = stack;
    stack = null;
    if (s == null) {
      return;
    }
    Thread stopper = new Thread(() -> {
      try {
        s.stop();
      } catch (RuntimeException e) {
        LOG.debug("SIP stack stop failed", e);
      }
    }, stackName + "-stop");
    stopper.setDaemon(true);
    stopper.start();
    long deadline = System.nanoTime() + STACK_STOP_WAIT.toNanos();
    try {
      while (stopper.isAlive() && System.nanoTime() < deadline) {
        stopper.join(10);
        // jain-sip's stopStack() closes the sockets and then sleeps a fixed second before clearing its tables.
        // Every call has been ended by then: cut the nap short.
        if (isInStopStackSleep(stopper)) {
          stopper.interrupt();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      LOG.warn("SIP stack {} did not stop within {}", stackName, STACK_STOP_WAIT);
    }
  }

  private static boolean isInStopStackSleep(Thread t) {
    if (t.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < trace.length && i < 4; i++) {
      if (trace[i].getMethodName().equals("stopStack")) {
        return trace[0].getMethodName().startsWith("sleep");
      }
    }
    return false;
  }
}
