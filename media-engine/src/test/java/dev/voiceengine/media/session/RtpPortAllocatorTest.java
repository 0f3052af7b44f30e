package dev.voiceengine.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtpPortAllocatorTest {

  @Test
  void handsOutEvenPortsUntilNoneAreLeft() {
    RtpPortAllocator ports = new RtpPortAllocator(20001, 20008); // 20002, 20004, 20006, 20008
    assertThat(ports.capacity()).isEqualTo(4);
    assertThat(ports.acquire()).isEqualTo(20002);
    assertThat(ports.acquire()).isEqualTo(20004);
    assertThat(ports.acquire()).isEqualTo(20006);
    assertThat(ports.acquire()).isEqualTo(20008);
    assertThat(ports.acquire()).isEqualTo(-1);
    assertThat(ports.inUse()).isEqualTo(4);
  }

  @Test
  void nextFitLeavesReleasedPortsForLast() {
    RtpPortAllocator ports = new RtpPortAllocator(20000, 20006);
    int a = ports.acquire();
    ports.release(a); // e.g. its bind failed
    assertThat(ports.acquire()).isEqualTo(20002);
    assertThat(ports.acquire()).isEqualTo(20004);
    assertThat(ports.acquire()).isEqualTo(20006);
    assertThat(ports.acquire()).isEqualTo(a); // wraps around
  }

  @Test
  void releasingUnknownPortsIsHarmless() {
    RtpPortAllocator ports = new RtpPortAllocator(20000, 20002);
    ports.release(20000);
    ports.release(20001);
    ports.release(30000);
    assertThat(ports.inUse()).isZero();
    ports.acquire();
    ports.release(20000);
    ports.release(20000);
    assertThat(ports.inUse()).isZero();
  }

  @Test
  void rejectsRangesWithoutEvenPorts() {
    assertThatThrownBy(() -> new RtpPortAllocator(20001, 20001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RtpPortAllocator(20010, 20000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RtpPortAllocator(0, 70000)).isInstanceOf(IllegalArgumentException.class);
  }
}
