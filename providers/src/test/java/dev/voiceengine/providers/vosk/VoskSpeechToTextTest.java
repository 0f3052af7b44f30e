package dev.voiceengine.providers.vosk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskSpeechToTextTest {
  @Test
  void missingFolderIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-model");
    assertThatThrownBy(() -> new VoskSpeechToText(missing)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
  }

  @Test
  void folderWithoutModelIsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("README"), "not a model");
    assertThatThrownBy(() -> new VoskSpeechToText(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString()).hasMessageContaining("no model");
  }

  @Test
  void brokenModelIsNamed(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("am"));
    Files.writeString(dir.resolve("am/final.mdl"), "garbage");
    assertThatThrownBy(() -> new VoskSpeechToText(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString());
  }
}
