package dev.voiceengine.bench.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dialer benchmark's arithmetic on made-up records: the steady rate, percentiles and the dialled-twice check. */
class DialFiguresTest {
  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

  /** {@code n} calls queued at T0, placed every {@code gapMs} from T0 + 1 s, answered 2 ms after being placed. */
  private static List<JsonNode> calls(int n, int gapMs, Map<String, Instant> placed, List<String> numbers) {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusMillis(1_000 + (long) i * gapMs);
      ObjectNode c = DialerEngine.JSON.createObjectNode().put("id", "c" + i).put("status", "completed")
          .put("to_number", numbers.get(i)).put("created_at", T0.toString())
          .put("answered_at", at.plusMillis(2).toString());
      placed.put("c" + i, at);
      out.add(c);
    }
    return out;
  }

  private static List<String> numbers(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("+1555100%04d".formatted(i));
    }
    return out;
  }

  @Test
  void aRunPacedEvery20MsSetsUp50PerSecondWithEveryNumberOnce() {
    List<String> numbers = numbers(200);
    Map<String, Instant> placed = new HashMap<>();
    List<JsonNode> calls = calls(200, 20, placed, numbers);
    List<DialFigures.Invite> invites = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      invites.add(new DialFigures.Invite(numbers.get(i), 5_000 + i * 20L));
    }
    invites.add(new DialFigures.Invite("+15559999999", 1)); // another run's number: not counted

    DialFigures f = DialFigures.of("50/s", numbers, calls, placed, invites);

    assertThat(f.setupsPerSecond()).isCloseTo(50.0, offset(0.01));
    assertThat(f.dialsPerSecond()).isCloseTo(50.0, offset(0.01));
    assertThat(f.invitesPerSecond()).isCloseTo(50.0, offset(0.01));
    assertThat(f.busiestSecond()).isEqualTo(50);
    assertThat(f.setupP50()).isEqualTo(2);
    assertThat(f.queuedToAnsweredP99()).isEqualTo(1_000 + 197 * 20 + 2);
    assertThat(f.invitesAtSipp()).isEqualTo(200);
    assertThat(f.noneTwice()).isTrue();
    assertThat(f.meetsTarget()).isTrue();
  }

  @Test
  void aNumberThatReachesSippTwiceFailsTheCheck() {
    List<String> numbers = numbers(20);
    Map<String, Instant> placed = new HashMap<>();
    List<JsonNode> calls = calls(20, 10, placed, numbers);
    List<DialFigures.Invite> invites = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      invites.add(new DialFigures.Invite(numbers.get(i), i * 10L));
    }
    invites.add(new DialFigures.Invite(numbers.get(7), 500));

    DialFigures f = DialFigures.of("twice", numbers, calls, placed, invites);

    assertThat(f.numbersDialledTwice()).isEqualTo(1);
    assertThat(f.invitesAtSipp()).isEqualTo(21);
    assertThat(f.noneTwice()).isFalse();
    assertThat(f.meetsTarget()).isFalse();
    assertThat(f.row()).contains("| 21 (20) | 1 |");
  }

  @Test
  void percentilesAreNearestRank() {
    List<Long> values = new ArrayList<>();
    for (long v = 100; v >= 1; v--) {
      values.add(v);
    }
    assertThat(DialFigures.pct(values, 50)).isEqualTo(50);
    assertThat(DialFigures.pct(values, 99)).isEqualTo(99);
    assertThat(DialFigures.pct(List.of(), 50)).isEqualTo(-1);
  }
}
