package dev.voiceengine.testsupport.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leak check sees a leak: a buffer dropped without release is reported once garbage is collected, and a released
 * one is not. (Netty tracks direct and pooled buffers; an unpooled heap buffer holds nothing the collector would not
 * reclaim, and is not tracked.) Each test leaves no report behind, since the check (registered for this module's tests as well) would
 * fail it.
 */
class NettyLeakCheckTest {
  @BeforeEach
  void install() {
    LeakReports.installed().drain();
    LeakProbe.trackEveryBuffer();
  }

  @AfterEach
  void leaveNothing() throws InterruptedException {
    LeakProbe.provokeReports();
    LeakReports.installed().drain();
  }

  @Test
  void everyBufferIsTracked() {
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    assertThat(System.getProperty("io.netty.leakDetection.level")).as("set by the build").isEqualTo("paranoid");
  }

  @Test
  void aDroppedBufferIsReported() throws InterruptedException {
    leak(Unpooled.directBuffer(16));
    leak(PooledByteBufAllocator.DEFAULT.directBuffer(16));
    LeakProbe.provokeReports();
    assertThat(LeakReports.installed().drain()).hasSize(2)
        .allSatisfy(r -> assertThat(r).startsWith("LEAK: ByteBuf.release() was not called"));
  }

  @Test
  void theCheckFailsOnAReport() throws InterruptedException {
    leak(Unpooled.directBuffer(16));
    LeakProbe.provokeReports();
    assertThatThrownBy(() -> NettyLeakCheck.failOnReports("here")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Netty reported 1 leak(s)").hasMessageContaining("LEAK: ");
  }

  @Test
  void aReleasedBufferIsNot() throws InterruptedException {
    ByteBuf buf = Unpooled.directBuffer(16);
    buf.writeInt(1);
    buf.release();
    LeakProbe.provokeReports();
    assertThat(LeakReports.installed().drain()).isEmpty();
  }

  /** Touches and drops a buffer; a separate method, so that no local variable keeps it reachable. */
  private static void leak(ByteBuf buf) {
    buf.writeInt(7);
  }
}
