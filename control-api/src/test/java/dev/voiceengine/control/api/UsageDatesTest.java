package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The usage report's date parameters and minute rounding. */
class UsageDatesTest {
  @Test
  void takesCalendarDatesOnly() {
    assertThat(UsageService.date("from", "2026-12-04")).isEqualTo(LocalDate.of(2026, 12, 4));
    assertThat(UsageService.date("from", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(UsageService.date("from", null)).isNull();
    for (String bad : new String[] {"2025-02-29", "2026-12-4", "2026/12/04", "20261204", " 2026-12-04",
        "2026-12-04T00:00:00Z", "+2026-12-04", "-2026-12-04", "٢٠٢٦-١٢-٠٤", "2026-00-10", "9999-12-32"}) {
      assertThatThrownBy(() -> UsageService.date("to", bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.field()).isEqualTo("to"));
    }
  }

  @Test
  void randomTextIsADateOrA400NamingTheParameter() {
    Random random = new Random(4);
    String alphabet = "0123456789-+TZ:/ ";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder value = new StringBuilder(random.nextBoolean() ? "2026-" : "");
      for (int k = random.nextInt(10); k > 0; k--) {
        value.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x700)
            : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = value.toString();
      try {
        LocalDate date = UsageService.date("from", text);
        assertThat(date.toString()).as(text).isEqualTo(text);
      } catch (ApiException e) {
        assertThat(e.field()).as(text).isEqualTo("from");
        assertThat(e.status().code()).isEqualTo(400);
      }
    }
  }

  @Test
  void minutesAreRoundedToHundredths() {
    assertThat(UsageService.minutes(0)).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(UsageService.minutes(61)).isEqualByComparingTo("1.02");
    assertThat(UsageService.minutes(90.3)).isEqualByComparingTo("1.51");
    assertThat(UsageService.minutes(3600)).isEqualByComparingTo("60.00");
  }
}
