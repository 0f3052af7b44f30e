package dev.voiceengine.testsupport.leaks;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the tests that leak Netty buffers: a Netty leak report ("LEAK: …") while a test runs fails that test, and
 * after each test class garbage is collected and the detectors are made to report, so a leak the class left behind
 * fails the class. Every buffer is tracked (level paranoid), so a report is not left to sampling.
 *
 * <p>It applies to every test of a module that has this module on its test class path: JUnit finds it through
 * {@code META-INF/services} because the build enables {@code junit.jupiter.extensions.autodetection.enabled}.
 * An engine started as a separate process is checked by its own test fixture, from its log.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    LeakReports.installed();
    LeakProbe.trackEveryBuffer();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    failOnReports("while " + context.getDisplayName() + " ran");
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    LeakProbe.provokeReports();
    failOnReports("after the tests of " + context.getDisplayName());
  }

  /** Throws, with the reports, if Netty reported leaks since the last check. */
  static void failOnReports(String when) {
    List<String> reports = LeakReports.installed().drain();
    if (!reports.isEmpty()) {
      throw new AssertionError("Netty reported " + reports.size() + " leak(s) " + when + ":\n"
          + String.join("\n\n", reports));
    }
  }
}
