package dev.voiceengine.control.events;

import dev.voiceengine.control.store.CallAmd;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.CallUsage;
import dev.voiceengine.control.store.ProviderError;
import dev.voiceengine.control.store.TurnLatencies;
import dev.voiceengine.control.store.TurnRole;
import dev.voiceengine.control.store.UsedProvider;
import dev.voiceengine.proto.control.v1.AmdCompleted;
import dev.voiceengine.proto.control.v1.ProviderFailed;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import dev.voiceengine.proto.control.v1.ProviderUse;
import dev.voiceengine.proto.control.v1.TurnCompleted;
import dev.voiceengine.proto.control.v1.TurnMetrics;

/**
 * Translates the conversation parts of call events (turns, provider failures, provider usage) into store values:
 * empty strings become null, a latency of 0 ("did not happen") becomes null, and texts that are part of a key are
 * cut to the width of their column.
 */
final class ConversationValues {
  /** Widths of the provider_errors key columns (V4). */
  static final int CAPABILITY_WIDTH = 16;
  static final int PROVIDER_WIDTH = 255;
  static final int CODE_WIDTH = 64;
  static final int ACTION_WIDTH = 32;

  private ConversationValues() {}

  static CallTurn turn(TurnCompleted t) {
    TurnRole role = switch (t.getRole()) {
      case AGENT -> TurnRole.AGENT;
      case CALLER -> TurnRole.CALLER;
      default -> null;
    };
    TurnLatencies latencies = t.hasMetrics() ? latencies(t.getMetrics()) : null;
    return new CallTurn(t.getIndex(), role, t.getText(), t.getStartMs(), t.getEndMs(), t.getInterrupted(), latencies,
        text(t.getIntendedText()));
  }

  private static TurnLatencies latencies(TurnMetrics m) {
    TurnLatencies l = new TurnLatencies(millis(m.getEndpointMs()), millis(m.getSttFinalMs()),
        millis(m.getLlmFirstTokenMs()), millis(m.getTtsFirstAudioMs()), millis(m.getVoiceToVoiceMs()));
    return l.equals(new TurnLatencies(null, null, null, null, null)) ? null : l;
  }

  static ProviderError error(ProviderFailed f) {
    return new ProviderError(clip(f.getCapability(), CAPABILITY_WIDTH), clip(f.getProvider(), PROVIDER_WIDTH),
        clip(f.getCode(), CODE_WIDTH), text(f.getMessage()), f.getAtMs(), clip(f.getAction(), ACTION_WIDTH));
  }

  /** What the call used; null when it reports nothing. */
  static CallUsage usage(ProviderUsage u) {
    CallUsage usage = new CallUsage(u.hasStt() ? used(u.getStt()) : null, u.hasLlm() ? used(u.getLlm()) : null,
        u.hasTts() ? used(u.getTts()) : null);
    return usage.isEmpty() ? null : usage;
  }

  /** The answering-machine verdict; a result other than human or machine is stored as unknown. */
  static CallAmd amd(AmdCompleted a) {
    String result = switch (a.getResult()) {
      case "human", "machine" -> a.getResult();
      default -> "unknown";
    };
    return new CallAmd(result, Math.max(0, a.getDecisionMs()), millis(a.getBeepAtMs()));
  }

  private static UsedProvider used(ProviderUse p) {
    if (p.equals(ProviderUse.getDefaultInstance())) {
      return null;
    }
    double seconds = Double.isFinite(p.getAudioSeconds()) ? p.getAudioSeconds() : 0.0;
    return new UsedProvider(text(p.getProvider()), text(p.getModel()), seconds, p.getInputTokens(),
        p.getOutputTokens(), p.getCharacters(), p.getRequests());
  }

  private static Long millis(long value) {
    return value > 0 ? value : null;
  }

  private static String clip(String value, int width) {
    String text = text(value);
    return text == null || text.length() <= width ? text : text.substring(0, width);
  }

  private static String text(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
