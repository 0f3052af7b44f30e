package dev.voiceengine.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of good offers: parsing must end in an {@link Sdp} or an {@link SdpParseException}, never
 * anything else, and whatever parses must negotiate to an answer or a {@link NoCommonCodecException}, and that answer
 * must parse again.
 */
class SdpFuzzTest {
  private static final long SEED = 0x5d9_2024L;
  private static final int ROUNDS = 30_000;
  private static final String[] SEEDS = {"pcmu-te", "g729-first", "video-and-audio", "asterisk", "ipv6",
      "srtp-then-avp", "session-direction", "dynamic-pcmu"};
  private static final String[] TOKENS = {"=", " ", "/", ":", "\r\n", "\n", "\r", "\t", "\u0000", "0", "-1", "65536",
      "99999999999999999999", "IN", "IP4", "IP6", "RTP/AVP", "a=rtpmap:", "m=audio ", "c=IN IP4 ", "::", "[", "]",
      "telephone-event/8000", "PCMU/8000", "\u00e9", "\ud83d\ude00", "%", "a=", "v=0", "o="};

  @Test
  void mutationsNeverThrowAnythingButParseErrors() {
    Random random = new Random(SEED);
    int parsed = 0;
    int rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String original = SdpNegotiatorGoldenTest.resource(SEEDS[random.nextInt(SEEDS.length)] + ".offer");
      String mutated = original;
      int mutations = 1 + random.nextInt(4);
      for (int i = 0; i < mutations; i++) {
        mutated = mutate(mutated, random);
      }
      try {
        Sdp sdp = SdpParser.parse(mutated);
        parsed++;
        try {
          Negotiation n = SdpNegotiator.answer(sdp, random.nextBoolean() ? Codec.PCMU : null);
          String answer = new LocalSdp(1, 1).answer(sdp, n, "192.0.2.10", 30000);
          SdpParser.parse(answer);
          SdpNegotiator.acceptAnswer(sdp, random.nextInt(3), "sendrecv");
        } catch (NoCommonCodecException expected) {
          // fine
        }
      } catch (SdpParseException e) {
        rejected++;
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\r", "\n");
      } catch (Throwable t) {
        fail("round " + round + " (seed " + SEED + ") threw " + t + " on:\n" + mutated, t);
      }
    }
    // both outcomes are exercised
    assertThat(parsed).isGreaterThan(ROUNDS / 20);
    assertThat(rejected).isGreaterThan(ROUNDS / 20);
  }

  private static String mutate(String s, Random random) {
    if (s.isEmpty()) {
      return TOKENS[random.nextInt(TOKENS.length)];
    }
    int at = random.nextInt(s.length());
    List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
    switch (random.nextInt(10)) {
      case 0: // delete a character
        return s.substring(0, at) + s.substring(at + 1);
      case 1: // insert a token
        return s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at);
      case 2: // replace a character with any char
        return s.substring(0, at) + (char) random.nextInt(0x3000) + s.substring(at + 1);
      case 3: // truncate
        return s.substring(0, at);
      case 4: { // delete a line
        lines.remove(random.nextInt(lines.size()));
        return String.join("\n", lines);
      }
      case 5: { // duplicate a line somewhere else
        String line = lines.get(random.nextInt(lines.size()));
        lines.add(random.nextInt(lines.size() + 1), line);
        return String.join("\n", lines);
      }
      case 6: { // swap two lines
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        String t = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, t);
        return String.join("\n", lines);
      }
      case 7: // replace a digit run with an extreme number
        return s.replaceFirst("\\d+", random.nextBoolean() ? "4294967296" : "0");
      case 8: { // split a line at a random field
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        int space = line.indexOf(' ');
        if (space > 0) {
          lines.set(i, line.substring(0, space));
        }
        return String.join("\n", lines);
      }
      default: // repeat a chunk
        int end = Math.min(s.length(), at + 1 + random.nextInt(40));
        return s.substring(0, end) + s.substring(at, end) + s.substring(end);
    }
  }
}
