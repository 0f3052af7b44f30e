package dev.voiceengine.testsupport.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A labelled set of how calls are answered, made at run time for answering-machine detection: people ("Hello?",
 * "Yes, this is Ana", repeated hellos, long live receptionist greetings) and machines (long personal greetings,
 * carrier messages, two-word greetings, beep-only boxes), spoken by espeak-ng in several voices and speeds, with and
 * without a voicemail beep (made by sox), clean and with line noise. Two halves spoken with different voices and
 * phrases: {@link #tuning} for choosing thresholds, {@link #heldOut} for scoring them. Clips are cached as WAVs in the
 * given folder (under target/), keyed by everything that makes them.
 */
public final class GreetingSet {
  /** Who answered. */
  public enum Label { HUMAN, MACHINE }

  /**
   * One answered call's first seconds: 8 kHz PCM16 from the answer on; {@code beepAt} the sample where the beep
   * starts, -1 without one.
   */
  public record Clip(String name, Label label, String kind, short[] pcm, long beepAt) {}

  private static final List<String> TUNING_VOICES = List.of("en-us", "en-us+f2", "en-gb+m3");
  private static final List<String> HELD_OUT_VOICES = List.of("en-gb-x-rp+f4", "en-029", "en-us+m7",
      "en-gb-scotland+f3");

  private GreetingSet() {}

  /** The half the detector's thresholds were tuned on. */
  public static List<Clip> tuning(Path cache) throws IOException, InterruptedException {
    GreetingSpecs s = new GreetingSpecs("t", TUNING_VOICES, new int[] {160, 180}, new int[] {1000, 440, 850});
    s.people("human", "Hello?", "Yes?", "Hello, this is Mark.", "Yes, this is Ana.", "Hi, who's calling?",
        "Speaking.", "Hello, Davis residence.");
    s.repeated("Hello?", "Hello?");
    s.repeated("Hello?", "Hello? Anyone there?");
    s.people("receptionist", "Good afternoon, Baker and Sons, Lisa speaking, how can I help?",
        "Thank you for calling Riverside Clinic, this is Paul.");
    s.machines("machine", "Hi, you've reached Mark. I can't take your call right now, please leave a message after"
        + " the tone.", "Hello, this is Sarah. Sorry I missed you, leave your name and number and I'll call you back.",
        "You have reached the voicemail of five five five, zero one three four. Please record your message.",
        "Hey, it's Jim, I'm not around, leave a message.");
    s.machines("carrier", "The person you are trying to reach is not available. Please leave a message after the"
        + " tone.", "The wireless customer you are calling is not available at this time.");
    s.twoWords("Leave message.", "Not available.");
    s.beepOnly(3);
    return s.build(cache);
  }

  /** The half nothing was tuned on: other voices, other speeds, other phrases, other beeps. */
  public static List<Clip> heldOut(Path cache) throws IOException, InterruptedException {
    GreetingSpecs s = new GreetingSpecs("h", HELD_OUT_VOICES, new int[] {150, 190}, new int[] {1400, 600, 950});
    s.people("human", "Hi?", "Hello, Sarah speaking.", "Yeah, hello?", "Who is this?", "This is Tom.",
        "Yes, hello, who's this?", "Hello, Miller's.");
    s.repeated("Hello?", "Hello?");
    s.repeated("Hello?", "Hello? Can you hear me?");
    s.people("receptionist", "Good morning, City Dental, this is Ana, how can I help you?",
        "Northside Garage, Mike here, what can I do for you?");
    s.machines("machine", "Hi, this is Laura. I'm away from my phone, so please leave a message and I'll get back to"
        + " you.", "You've reached the Johnson family. We can't come to the phone right now. Leave a message after"
        + " the beep.", "Hello, you have reached Doctor Patel's office. Our office is closed. Please leave your name"
        + " and number.", "This is Kevin, leave a message.");
    s.machines("carrier", "The number you have dialed is not available. Please leave a message after the tone.",
        "Your call has been forwarded to an automatic voice message system.");
    s.twoWords("Record message.", "Nobody home.");
    s.beepOnly(3);
    return s.build(cache);
  }

  /** {@code clip} with white noise at {@code dbfs} added, seeded: the same every run. */
  public static short[] withNoise(short[] pcm, double dbfs, long seed) {
    Random random = new Random(seed);
    double sigma = 32768 * Math.pow(10, dbfs / 20);
    short[] out = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = clamp(pcm[i] + random.nextGaussian() * sigma);
    }
    return out;
  }

  /** A sine tone of {@code hz} for {@code ms} at {@code dbfs} peak, made by sox's synth (8 kHz PCM16). */
  public static short[] tone(int hz, int ms, double dbfs) throws IOException, InterruptedException {
    return GreetingAudio.tone(hz, ms, dbfs);
  }

  static short clamp(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }

  /** Writes {@code pcm} as a headerless 8 kHz μ-law file (what sipp's rtp_stream plays). */
  public static Path writeUlaw(short[] pcm, Path file) throws IOException {
    byte[] out = new byte[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = dev.voiceengine.testsupport.rtp.G711.ULAW.encode(pcm[i]);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, out);
  }
}
