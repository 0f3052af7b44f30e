package dev.voiceengine.conversation.provider.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the engine waits for each provider before it gives up on a request and reports {@code DEADLINE_EXCEEDED}
 * (or {@code RESOURCE_EXHAUSTED} for a speech-to-text provider that stops reading audio). A caller on the phone
 * notices a silent agent within a second or two, so a request that hangs must end rather than hold the turn.
 *
 * @param sttMaxStream longest recognition stream, from open to the last result (a caller's turn is far shorter)
 * @param sttFinalResult how long after {@code finish()} the provider may take to send its final results and complete
 * @param sttMaxLag how much audio may wait unsent while the provider does not read (flow control); beyond it the
 *     stream fails with {@code RESOURCE_EXHAUSTED}
 * @param llmFirstEvent from the request to the language model's first event
 * @param llmTotal from the request to the end of the language model's reply
 * @param ttsFirstAudio from the request to the first audio of speech synthesis
 * @param ttsTotal from the request to the end of speech synthesis
 */
public record ProviderDeadlines(
    Duration sttMaxStream,
    Duration sttFinalResult,
    Duration sttMaxLag,
    Duration llmFirstEvent,
    Duration llmTotal,
    Duration ttsFirstAudio,
    Duration ttsTotal) {

  /** 120 s stream, 5 s final result, 10 s lag; LLM 5 s first event, 30 s total; TTS 5 s first audio, 30 s total. */
  public static final ProviderDeadlines DEFAULTS =
      new ProviderDeadlines(
          Duration.ofSeconds(120),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30));

  public ProviderDeadlines {
    positive("sttMaxStream", sttMaxStream);
    positive("sttFinalResult", sttFinalResult);
    positive("sttMaxLag", sttMaxLag);
    positive("llmFirstEvent", llmFirstEvent);
    positive("llmTotal", llmTotal);
    positive("ttsFirstAudio", ttsFirstAudio);
    positive("ttsTotal", ttsTotal);
    notLonger("llmFirstEvent", llmFirstEvent, "llmTotal", llmTotal);
    notLonger("ttsFirstAudio", ttsFirstAudio, "ttsTotal", ttsTotal);
    notLonger("sttFinalResult", sttFinalResult, "sttMaxStream", sttMaxStream);
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void notLonger(String shortName, Duration shorter, String longName, Duration longer) {
    if (shorter.compareTo(longer) > 0) {
      throw new IllegalArgumentException(
          shortName + " (" + shorter + ") must not exceed " + longName + " (" + longer + ")");
    }
  }
}
