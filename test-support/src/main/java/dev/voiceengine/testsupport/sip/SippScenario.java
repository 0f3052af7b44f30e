package dev.voiceengine.testsupport.sip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * sipp scenario files: a scenario kept on the class path with {@code @KEY@} placeholders (a number, a file, a header
 * value) is written to the work folder with them filled in, since sipp reads scenarios from files only.
 */
public final class SippScenario {
  private static final Path BUILT_IN_PCAPS = Path.of("/usr/share/sip-tester");

  private SippScenario() {}

  /**
   * Writes the class-path resource {@code resource} (e.g. {@code /sipp/uac_reject.xml}) to {@code dir} under its
   * own file name, each {@code @KEY@} replaced by its value; {@code keyValues} alternate KEY and value.
   */
  public static Path write(Path dir, String resource, String... keyValues) throws IOException {
    String xml = read(resource);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      xml = xml.replace("@" + keyValues[i] + "@", keyValues[i + 1]);
    }
    Path out = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    Files.writeString(out, xml, StandardCharsets.ISO_8859_1);
    return out;
  }

  /**
   * As {@link #write}, with whole placeholders ({@code "@KEY@"} → value) and to a new file, so that calls running
   * at once from one folder each keep their own copy.
   */
  public static Path writeNew(Path dir, String resource, Map<String, String> replacements) throws IOException {
    String xml = read(resource);
    for (Map.Entry<String, String> e : replacements.entrySet()) {
      xml = xml.replace(e.getKey(), e.getValue());
    }
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    Path out = Files.createTempFile(dir, name.replace(".xml", "-"), ".xml");
    Files.writeString(out, xml, StandardCharsets.ISO_8859_1);
    return out;
  }

  /**
   * A folder where sipp's built-in {@code uac_pcap} scenario finds its captures (it reads {@code pcap/g711a.pcap}
   * relative to the working directory): make it the sipp run's work folder.
   */
  public static Path pcapWorkDir(Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("sipp-pcap"));
    Path pcaps = Files.createDirectories(dir.resolve("pcap"));
    for (String f : List.of("g711a.pcap", "dtmf_2833_1.pcap")) {
      Path target = pcaps.resolve(f);
      if (!Files.exists(target)) {
        Files.copy(BUILT_IN_PCAPS.resolve(f), target);
      }
    }
    return dir;
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = SippScenario.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no sipp scenario " + resource + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
