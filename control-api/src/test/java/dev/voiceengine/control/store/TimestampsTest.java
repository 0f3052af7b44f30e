package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void formatsWithAFixedWidthInUtc() {
    assertThat(Timestamps.format(Instant.parse("2025-03-20T09:15:00Z"))).isEqualTo("2025-03-20T09:15:00.000Z");
    assertThat(Timestamps.format(Instant.parse("2025-03-20T09:15:00.123456Z"))).isEqualTo("2025-03-20T09:15:00.123Z");
    assertThat(Timestamps.format(Timestamps.MIN)).isEqualTo("0000-01-01T00:00:00.000Z");
    assertThat(Timestamps.format(Timestamps.MAX)).isEqualTo("9999-12-31T23:59:59.999Z");
    assertThat(Timestamps.format(null)).isNull();
  }

  @Test
  void textOrderIsTimeOrder() {
    Random random = new Random(42);
    List<Instant> instants = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long millis = random.nextLong(Timestamps.MIN.toEpochMilli(), Timestamps.MAX.toEpochMilli());
      instants.add(Instant.ofEpochMilli(millis));
    }
    List<Instant> byTime = instants.stream().sorted().toList();
    List<Instant> byText = instants.stream().sorted((a, b) -> Timestamps.format(a).compareTo(Timestamps.format(b)))
        .toList();
    assertThat(byText).isEqualTo(byTime);
    instants.forEach(i -> assertThat(Timestamps.parse(Timestamps.format(i))).isEqualTo(i));
  }

  @Test
  void refusesOrClampsInstantsOutsideTheFixedWidthRange() {
    Instant far = Instant.parse("+12345-01-01T00:00:00Z");
    assertThatThrownBy(() -> Timestamps.format(far)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Timestamps.clamp(far)).isEqualTo(Timestamps.MAX);
    assertThat(Timestamps.clamp(Instant.parse("-0001-01-01T00:00:00Z"))).isEqualTo(Timestamps.MIN);
  }
}
