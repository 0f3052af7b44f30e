package dev.voiceengine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only dev.voiceengine.sip.jain may touch the SIP stack (DESIGN.md §2): everything else stays testable without it. */
class PackageBoundaryTest {
  private static final Pattern STACK_IMPORT = Pattern.compile("^import\\s+(static\\s+)?(javax\\.sip|javax\\.sdp|gov\\.nist)\\.",
      Pattern.MULTILINE);

  @Test
  void onlyTheJainPackageImportsTheStack() throws IOException {
    Path main = Path.of("src/main/java/dev/voiceengine/sip");
    assertThat(main).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getParent().endsWith("jain"))
          .filter(p -> {
            try {
              return STACK_IMPORT.matcher(Files.readString(p)).find();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .map(Path::toString)
          .toList();
    }
    assertThat(offenders).isEmpty();
  }
}
