package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void resolvesTheThreeFormsAgainstTheSize() {
    assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
    assertThat(ByteRange.parse("bytes=100-", 1000)).isEqualTo(new ByteRange(100, 999));
    assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999));
    assertThat(ByteRange.parse("bytes=900-5000", 1000)).isEqualTo(new ByteRange(900, 999));
    assertThat(ByteRange.parse("bytes=999-999", 1000).length()).isEqualTo(1);
  }

  @Test
  void unsatisfiableWhenTheRangeStartsPastTheEnd() {
    assertThat(ByteRange.parse("bytes=1000-", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=2000-3000", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=-0", 1000)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.parse("bytes=0-", 0)).isSameAs(ByteRange.UNSATISFIABLE);
  }

  @Test
  void ignoredWhenNotOneWellFormedByteRange() {
    for (String header : new String[] {null, "", "bytes=", "bytes=-", "items=0-1", "bytes=5-1", "bytes=0-1,5-9",
        "bytes=a-b", "bytes=99999999999999999999-", "bytes= 0-1x"}) {
      assertThat(ByteRange.parse(header, 1000)).as(String.valueOf(header)).isSameAs(ByteRange.IGNORE);
    }
  }

  @Test
  void randomHeadersNeverThrowAndAlwaysStayInsideTheFile() {
    Random random = new Random(7);
    String alphabet = "bytes=-0123456789, ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder header = new StringBuilder(random.nextBoolean() ? "bytes=" : "");
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        header.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      long size = random.nextInt(3) == 0 ? 0 : random.nextInt(5000);
      ByteRange range = ByteRange.parse(header.toString(), size);
      if (range.isPartial()) {
        assertThat(range.first()).isBetween(0L, size - 1);
        assertThat(range.last()).isBetween(range.first(), size - 1);
      }
    }
  }
}
