package dev.voiceengine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The batch CSV: quoting, line ends, errors naming the line, and random input never failing other than clearly. */
class CsvRecipientsTest {
  @Test
  void readsNumbersAndContextWithQuotesAndCrlf() {
    List<CsvRecipients.Recipient> r = CsvRecipients.parse(
        "name,to_number\r\n\"Ana \"\"A\"\"\",+15550000001\r\n\"x,y\",+15550000002");
    assertThat(r).containsExactly(new CsvRecipients.Recipient("+15550000001", Map.of("name", "Ana \"A\"")),
        new CsvRecipients.Recipient("+15550000002", Map.of("name", "x,y")));
  }

  @Test
  void badFilesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> CsvRecipients.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> CsvRecipients.parse("number\n+1555\n")).hasMessageContaining("to_number");
    assertThatThrownBy(() -> CsvRecipients.parse("to_number,a\n+1555\n")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> CsvRecipients.parse("to_number\n\"+1555\n")).hasMessageContaining("quoted");
    assertThatThrownBy(() -> CsvRecipients.parse("to_number\n")).hasMessageContaining("no recipients");
  }

  @Test
  void randomInputParsesOrFailsWithAnIllegalArgument() {
    Random random = new Random(11);
    String alphabet = "to_number,\"\r\n+15a ";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder(i % 2 == 0 ? "to_number,x\n" : "");
      int n = random.nextInt(40);
      for (int j = 0; j < n; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        for (CsvRecipients.Recipient r : CsvRecipients.parse(text.toString())) {
          assertThat(r.toNumber()).isNotNull();
        }
      } catch (IllegalArgumentException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
