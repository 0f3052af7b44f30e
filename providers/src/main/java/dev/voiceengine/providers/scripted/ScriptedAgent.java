package dev.voiceengine.providers.scripted;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One script, ready to answer. Holds no conversation: {@link #respond} replays the caller's turns of a conversation
 * through the script (which is deterministic) to know which intent is in progress and which slots were given, then
 * answers the last turn. So any node can answer any request, and a request carries everything it needs.
 */
public final class ScriptedAgent {
  private final AgentScript script;
  private final SlotExtractor extractor;
  private final IntentMatcher matcher;

  public ScriptedAgent(AgentScript script) {
    this.script = script;
    this.extractor = new SlotExtractor(vocabulary(script));
    this.matcher = new IntentMatcher(script.intents());
  }

  public AgentScript script() {
    return script;
  }

  /**
   * The reply to the last caller turn of a conversation, given the caller's turns oldest first; with none, the
   * script's first message.
   */
  public Reply respond(List<String> callerTurns) {
    Dialogue dialogue = new Dialogue();
    Reply reply = new Reply(script.firstMessage(), "first_message", null, null, 0);
    for (int i = 0; i < callerTurns.size(); i++) {
      reply = dialogue.step(callerTurns.get(i) == null ? "" : callerTurns.get(i), i + 1);
    }
    return reply;
  }

  /** The state the replay builds: the intent waiting for slots, the slots it has, and the caller's name. */
  private final class Dialogue {
    private Intent pending;
    private final Map<Slot, String> collected = new EnumMap<>(Slot.class);
    private String callerName;

    Reply step(String text, int turn) {
      Slot expected = pending == null ? null : firstMissing(pending).orElse(null);
      SlotExtractor.Extraction heard = extractor.extract(text, expected);
      Map<Slot, String> found = heard.values();
      if (found.containsKey(Slot.NAME)) {
        callerName = found.get(Slot.NAME);
      }
      Optional<IntentMatcher.Match> best = matcher.best(heard.pattern());
      Intent intent;
      if (pending != null && answersPending(found) && switchesTo(best).isEmpty()) {
        intent = pending;
      } else if (best.isPresent()) {
        intent = best.get().intent();
        if (intent != pending) {
          collected.clear();
        }
      } else if (pending != null) {
        return new Reply(script.ask(expected), "ask:" + expected.key(), null, null, turn);
      } else {
        return new Reply(script.fallback(), "fallback", null, null, turn);
      }
      collected.putAll(found);
      if (callerName != null) {
        collected.put(Slot.NAME, callerName);
      }
      Optional<Slot> missing = firstMissing(intent);
      if (missing.isPresent()) {
        pending = intent;
        return new Reply(script.ask(missing.get()), "ask:" + missing.get().key(), null, null, turn);
      }
      pending = null;
      String said = Templates.render(intent.reply(), values());
      if (intent.followUp() != null) {
        said = said + " " + intent.followUp().trim();
      }
      collected.clear();
      return new Reply(said, intent.id(), intent.tool(), intent.transferTo(), turn);
    }

    /** Whether the caller gave one of the slots the pending intent still needs. */
    private boolean answersPending(Map<Slot, String> found) {
      return pending.requires().stream().map(Slot::byKey).anyMatch(s -> !collected.containsKey(s)
          && found.containsKey(s));
    }

    /** Another intent the caller asked for outright (a keyword) while a slot was awaited. */
    private Optional<Intent> switchesTo(Optional<IntentMatcher.Match> best) {
      return best.filter(m -> m.intent() != pending && m.keywordHits() > 0).map(IntentMatcher.Match::intent);
    }

    private Optional<Slot> firstMissing(Intent intent) {
      return intent.requires().stream().map(Slot::byKey).filter(s -> !collected.containsKey(s)).findFirst();
    }

    private Map<Slot, String> values() {
      Map<Slot, String> out = new EnumMap<>(Slot.class);
      for (Slot s : Slot.values()) {
        script.defaultValue(s).ifPresent(v -> out.put(s, v));
      }
      out.putAll(collected);
      return out;
    }
  }

  /** Every word of the script's examples, keywords and replies, lower-case: never mistaken for a caller's name. */
  static Set<String> vocabulary(AgentScript script) {
    Set<String> words = new HashSet<>();
    for (Intent i : script.intents()) {
      i.examples().forEach(e -> words.addAll(IntentMatcher.exampleTokens(e)));
      i.keywords().forEach(k -> words.addAll(Words.tokens(k)));
    }
    words.removeIf(w -> w.startsWith("{"));
    return words;
  }
}
