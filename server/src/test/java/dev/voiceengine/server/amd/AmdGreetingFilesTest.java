package dev.voiceengine.server.amd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.testsupport.audio.GreetingSet;
import dev.voiceengine.testsupport.rtp.G711;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * The material of the end-to-end AMD test over an outbound call: each held-out greeting as the headerless μ-law a
 * sipp UAS streams, and the UAS scenario pointing at it (the test that dials it lands with outbound dialling).
 */
class AmdGreetingFilesTest {
  static final Path OUT = Path.of("target", "amd-ulaw").toAbsolutePath();

  @Test
  void everyHeldOutClipBecomesAUlawFileAndAScenarioThatPlaysIt() throws Exception {
    List<GreetingSet.Clip> clips = GreetingSet.heldOut(Path.of("target", "amd-greetings"));
    assertThat(clips).hasSizeGreaterThan(40);
    Files.createDirectories(OUT);
    for (GreetingSet.Clip clip : clips) {
      Path ulaw = GreetingSet.writeUlaw(clip.pcm(), OUT.resolve(clip.name() + ".ulaw"));
      byte[] bytes = Files.readAllBytes(ulaw);
      assertThat(bytes).hasSize(clip.pcm().length);
      int mid = clip.pcm().length / 2;
      assertThat(Math.abs(G711.ULAW.decode(bytes[mid]) - clip.pcm()[mid]))
          .isLessThanOrEqualTo(Math.abs(clip.pcm()[mid]) / 16 + 8);

      Path scenario = SippScenario.writeNew(OUT, "/sipp/uas_amd_answer.xml", Map.of("@ULAW_FILE@", ulaw.toString()));
      String xml = Files.readString(scenario);
      assertThat(xml).contains("rtp_stream=\"" + ulaw + ",1,0\"").doesNotContain("@ULAW_FILE@");
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      assertThat(f.newDocumentBuilder().parse(scenario.toFile()).getDocumentElement().getAttribute("name"))
          .isEqualTo("UAS AMD answer");
      Files.delete(scenario);
    }
  }
}
