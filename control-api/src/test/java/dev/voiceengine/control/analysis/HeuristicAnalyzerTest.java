package dev.voiceengine.control.analysis;

import static dev.voiceengine.control.analysis.Transcripts.T0;
import static dev.voiceengine.control.analysis.Transcripts.answered;
import static dev.voiceengine.control.analysis.Transcripts.conversation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HeuristicAnalyzerTest {
  final HeuristicAnalyzer analyzer = new HeuristicAnalyzer();

  private CallAnalysisResult analyze(AnalysisInput input) {
    return analyzer.analyze(input, AgentAnalysis.DEFAULT);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Thanks so much, that was really helpful                  | positive",
      "This is terrible, I am so frustrated with your service   | negative",
      "I would like to know your opening hours                  | neutral",
      "That is not good at all                                  | negative",
      "No problem, that works                                   | positive",
      "Great, but the last bill was wrong and I am upset        | negative",
      "'' | neutral"})
  void sentimentFromTheCallersWords(String said, String sentiment) {
    CallAnalysisResult result = analyze(conversation("Hello, how can I help?", said, "Goodbye."));
    assertThat(result.sentiment()).isEqualTo(sentiment);
  }

  @Test
  void theAgentsPolitenessDoesNotMakeAnAngryCallerPositive() {
    CallAnalysisResult result = analyze(conversation("Thank you for calling, wonderful to hear from you!",
        "This is ridiculous, I was charged twice", "Thank you, I am so glad to help, thanks again!"));
    assertThat(result.sentiment()).isEqualTo("negative");
  }

  @Test
  void tagsFromDefaultKeywordsOnEitherSideSorted() {
    CallAnalysisResult result = analyze(conversation("Hello.",
        "I want to cancel my appointment on Friday", "I have cancelled your booking. Anything about your bill?"));
    assertThat(result.tags()).containsExactly("appointment", "billing", "cancel");
  }

  @Test
  void anAgentsKeywordMapAddsTagsAndReplacesDefaultWords() {
    AgentAnalysis agent = new AgentAnalysis(List.of(), Map.of("insurance", List.of("policy", "claim"),
        "billing", List.of("direct debit")), SuccessRule.DEFAULT, null);
    CallAnalysisResult result = analyzer.analyze(conversation("Hello.", "About my claim and the invoice",
        "Noted."), agent);
    assertThat(result.tags()).containsExactly("insurance"); // "invoice" no longer means billing for this agent
  }

  @Test
  void summaryQuotesTheFirstRequestAndTheLastReplyWithinBounds() {
    String longReply = "word ".repeat(100).strip();
    CallAnalysisResult result = analyze(conversation("Hello, how can I help?", "I need a table for two",
        "Which day?", "Friday please", longReply));
    assertThat(result.summary()).startsWith("Caller: \"I need a table for two\". Agent: \"word word")
        .endsWith("…\". Ended: caller_hangup.");
    assertThat(result.summary().length()).isLessThan(2 * ExtractiveSummary.MAX_PART + 60);
    assertThat(result.method()).isEqualTo("heuristic");
    assertThat(result.modelError()).isNull();
  }

  @Test
  void aCallWithoutCallerSpeechSaysSoAndIsNoSuccess() {
    CallAnalysisResult result = analyze(conversation("Hello, how can I help?"));
    assertThat(result.summary()).isEqualTo("The caller did not speak; the call ended (caller_hangup).");
    assertThat(result.callSuccess()).isFalse();
  }

  @ParameterizedTest(name = "{0}/{1}/answered={2} -> {3}")
  @CsvSource({
      "caller_hangup,  0,   true,  caller_hangup",
      "agent_hangup,   0,   true,  agent_hangup",
      "api_hangup,     0,   true,  api_hangup",
      "transferred,    0,   true,  transferred",
      "voicemail_left, 0,   true,  voicemail",
      "voicemail,      0,   true,  voicemail",
      "no_answer,      0,   false, no_answer",
      "busy,           486, false, busy",
      "failed,         486, false, busy",
      "failed,         480, false, no_answer",
      "failed,         404, false, invalid_number",
      "failed,         503, false, error",
      "canceled,       0,   false, caller_abandoned",
      "canceled,       0,   true,  caller_hangup",
      "rejected,       488, false, rejected",
      "no_media_timeout, 0, true,  silence_timeout",
      "engine_restart, 0,   true,  engine_shutdown",
      "error,          0,   true,  error",
      "something_new,  0,   true,  error"})
  void endedReasonTable(String outcome, int sipStatus, boolean answered, String reason) {
    CallRecord call = CallRecord.builder("c").status(answered ? CallStatus.COMPLETED : CallStatus.FAILED)
        .outcome(outcome).sipStatus(sipStatus == 0 ? null : sipStatus).startedAt(T0)
        .answeredAt(answered ? T0.plusSeconds(1) : null).build();
    assertThat(EndedReasons.of(call)).isEqualTo(reason);
  }

  @Test
  void noOutcomeIsUnknown() {
    assertThat(EndedReasons.of(CallRecord.builder("c").startedAt(T0).build())).isEqualTo("unknown");
  }

  @Test
  void defaultSuccessNeedsAnswerCallerSpeechAndNoAbandon() {
    assertThat(analyze(conversation("Hi.", "Opening hours please?", "Nine to five.")).callSuccess()).isTrue();
    assertThat(analyze(conversation(answered("voicemail"), "Hi.", "Beep. Leave a message", "Bye.")).callSuccess())
        .isFalse();
    CallRecord unanswered = CallRecord.builder("c").status(CallStatus.FAILED).outcome("caller_hangup")
        .startedAt(T0).build();
    assertThat(analyze(conversation(unanswered, "Hi.", "Hello?")).callSuccess()).isFalse();
  }

  @Test
  void agentRuleSucceedsOnAFilledSlotOrAReachedIntent() {
    AnalysisField day = AnalysisField.of("appointment_day", FieldType.ENUM,
        List.of("monday", "tuesday", "wednesday", "thursday", "friday"), "the day booked");
    AgentAnalysis byField = new AgentAnalysis(List.of(day), Map.of(), new SuccessRule(List.of("appointment_day"),
        List.of()), null);
    AgentAnalysis byPhrase = new AgentAnalysis(List.of(), Map.of(), new SuccessRule(List.of(),
        List.of("you are booked")), null);
    AnalysisInput booked = conversation("Hello.", "Tuesday works", "Great, you are booked for Tuesday.");
    AnalysisInput vague = conversation("Hello.", "Maybe some day", "Call us when you know.");
    assertThat(analyzer.analyze(booked, byField).callSuccess()).isTrue();
    assertThat(analyzer.analyze(vague, byField).callSuccess()).isFalse();
    assertThat(analyzer.analyze(booked, byPhrase).callSuccess()).isTrue();
    assertThat(analyzer.analyze(vague, byPhrase).callSuccess()).isFalse();
  }

  @Test
  void templateFieldsFromSlotsKeywordsAndPatterns() {
    List<AnalysisField> fields = List.of(
        AnalysisField.of("appointment_day", FieldType.ENUM, List.of("Monday", "Tuesday", "Friday"), "day"),
        AnalysisField.of("appointment_time", FieldType.STRING, List.of(), "time"),
        AnalysisField.of("caller_name", FieldType.STRING, List.of(), "name"),
        new AnalysisField("callback_wanted", FieldType.BOOLEAN, List.of(), "wants a call back",
            List.of("call me back", "callback"), null),
        AnalysisField.of("party_size", FieldType.NUMBER, List.of(), "people"),
        new AnalysisField("order_number", FieldType.STRING, List.of(), "order", List.of(),
            Pattern.compile("order (?:number )?([A-Z]{2}\\d{4})")),
        new AnalysisField("wants_newsletter", FieldType.BOOLEAN, List.of(), "newsletter", List.of("newsletter"),
            null),
        AnalysisField.of("free_text", FieldType.STRING, List.of(), "anything"));
    AgentAnalysis agent = new AgentAnalysis(fields, Map.of(), SuccessRule.DEFAULT, null);
    AnalysisInput input = conversation("Hello, who is calling?",
        "My name is Ada Lovelace, a table for four, order number AB1234, and please call me back",
        "Which day and time?", "Friday would be nice",
        "Booked for Friday at 7:30 pm, Ada.");

    Map<String, Object> values = analyzer.analyze(input, agent).fields();

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("appointment_day", "Friday");
    expected.put("appointment_time", "7:30 pm"); // the agent repeated the slot value it heard
    expected.put("caller_name", "Ada Lovelace");
    expected.put("callback_wanted", true);
    expected.put("party_size", 4L);
    expected.put("order_number", "AB1234");
    expected.put("wants_newsletter", false);
    expected.put("free_text", null);
    assertThat(values).isEqualTo(expected);
    assertThat(values.keySet()).containsExactlyElementsOf(expected.keySet());
  }
}
