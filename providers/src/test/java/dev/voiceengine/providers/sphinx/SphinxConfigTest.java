package dev.voiceengine.providers.sphinx;

import static org.assertj.core.api.Assertions.assertThat;

import edu.cmu.sphinx.instrumentation.SpeedTracker;
import edu.cmu.sphinx.util.props.ConfigurationManager;
import edu.cmu.sphinx.util.props.PropertySheet;
import org.junit.jupiter.api.Test;

/**
 * The recogniser configuration is safe to build from several threads at once: Sphinx4's speed tracker, when it shows
 * timers, walks the library's global timer map without the lock that guards it while other recognisers add to it
 * (a ConcurrentModificationException that failed a caller's turn).
 */
class SphinxConfigTest {
  @Test
  void noSpeedTrackerDumpsTheSharedTimers() {
    ConfigurationManager config = new ConfigurationManager(SphinxDecoder.class.getResource("sphinx.config.xml"));
    PropertySheet tracker = config.getPropertySheet("speedTracker");
    assertThat(tracker).as("the speed tracker this guards").isNotNull();
    assertThat(tracker.getBoolean(SpeedTracker.PROP_SHOW_TIMERS)).isFalse();
  }
}
