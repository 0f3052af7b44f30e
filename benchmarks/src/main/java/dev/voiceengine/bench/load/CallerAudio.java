package dev.voiceengine.bench.load;

import dev.voiceengine.media.codec.MuLaw;
import dev.voiceengine.testsupport.audio.SpokenAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every load caller says, as the headerless μ-law file sipp streams at 20 ms: a lead of silence while the
 * agent greets, one spoken request (espeak-ng, trimmed by sox), then silence while the agent answers; sipp loops it
 * for the length of the call, so each call holds one exchange every cycle.
 */
final class CallerAudio {
  static final String REQUEST = "Hello, I would like to book an appointment for Friday.";
  private static final int RATE = 8000;

  private CallerAudio() {}

  /**
   * Writes the cycle to {@code file}.
   *
   * @return the cycle's length in milliseconds
   */
  static long write(Path file, double leadSeconds, double tailSeconds) throws IOException, InterruptedException {
    short[] speech = SpokenAudio.say(REQUEST);
    int lead = (int) (leadSeconds * RATE);
    int tail = (int) (tailSeconds * RATE);
    byte[] ulaw = new byte[lead + speech.length + tail];
    byte silence = MuLaw.encode((short) 0);
    java.util.Arrays.fill(ulaw, silence);
    for (int i = 0; i < speech.length; i++) {
      ulaw[lead + i] = MuLaw.encode(speech[i]);
    }
    Files.write(file, ulaw);
    return ulaw.length * 1000L / RATE;
  }
}
