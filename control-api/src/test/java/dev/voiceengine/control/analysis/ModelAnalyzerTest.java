package dev.voiceengine.control.analysis;

import static dev.voiceengine.control.analysis.Transcripts.conversation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelAnalyzerTest {
  static final List<AnalysisField> TEMPLATE = List.of(
      AnalysisField.of("appointment_day", FieldType.ENUM, List.of("monday", "friday"), "the day booked"),
      AnalysisField.of("callback_wanted", FieldType.BOOLEAN, List.of(), "asked to be called back"),
      AnalysisField.of("party_size", FieldType.NUMBER, List.of(), "how many people"),
      AnalysisField.of("note", FieldType.STRING, List.of(), "anything else"));
  static final AgentAnalysis AGENT = new AgentAnalysis(TEMPLATE, Map.of(), SuccessRule.DEFAULT, "analyst-1");
  static final AnalysisInput CALL = conversation("Hello.", "A table for four on Friday, this is awful", "Booked.");

  final List<String[]> asked = new ArrayList<>();

  private ModelAnalyzer answering(String answer) {
    return new ModelAnalyzer((model, instructions, prompt) -> {
      asked.add(new String[] {model, instructions, prompt});
      return answer;
    }, new HeuristicAnalyzer());
  }

  @Test
  void aValidAnswerIsStoredWithTheModelsNameAndTheRecordsEndedReason() {
    CallAnalysisResult result = answering("""
        ```json
        {"summary": "The caller booked a table.", "sentiment": "Positive", "tags": ["Booking", "table size"],
         "call_success": true,
         "fields": {"appointment_day": "Friday", "callback_wanted": false, "party_size": 4, "note": null}}
        ```""").analyze(CALL, AGENT);

    assertThat(result.method()).isEqualTo("analyst-1");
    assertThat(result.modelError()).isNull();
    assertThat(result.summary()).isEqualTo("The caller booked a table.");
    assertThat(result.sentiment()).isEqualTo("positive");
    assertThat(result.tags()).containsExactly("booking", "table_size");
    assertThat(result.callSuccess()).isTrue();
    assertThat(result.endedReason()).isEqualTo("caller_hangup");
    assertThat(result.fields()).containsEntry("appointment_day", "friday").containsEntry("callback_wanted", false)
        .containsEntry("party_size", 4L).containsEntry("note", null);
    String[] request = asked.get(0);
    assertThat(request[0]).isEqualTo("analyst-1");
    assertThat(request[1]).contains("JSON object");
    assertThat(request[2]).contains("caller: A table for four on Friday", "- appointment_day (enum, one of monday,"
        + " friday): the day booked", "- party_size (number): how many people");
  }

  @Test
  void invalidAnswersFallBackToTheHeuristicAndSayWhy() {
    String[][] cases = {
        {"I think the caller was happy.", "holds no JSON object"},
        {"{\"summary\": \"x\", \"sentiment\": \"ok\", \"call_success\": true}", "sentiment must be"},
        {"{\"summary\": \"x\", \"sentiment\": \"neutral\", \"call_success\": \"yes\"}", "call_success"},
        {"{\"summary\": \"x\", \"sentiment\": \"neutral\", \"call_success\": true, \"fields\": "
            + "{\"party_size\": \"four\"}}", "fields.party_size must be a number"},
        {"{\"summary\": \"x\", \"sentiment\": \"neutral\", \"call_success\": true, \"fields\": "
            + "{\"appointment_day\": \"sunday\"}}", "fields.appointment_day must be one of"},
        {"{\"summary\": \"x\", \"sentiment\": \"neutral\", \"call_success\": true, \"fields\": "
            + "{\"callback_wanted\": 1}}", "fields.callback_wanted must be true or false"},
        {"{\"summary\": \"x\", \"sentiment\": \"neutral\", \"call_success\": true, \"tags\": \"a,b\"}", "tags"},
        {"{\"summary\": \"x\", \"sentiment\": \"neutral\", \"call_success\": tru", "holds no JSON object"},
        {"{\"summary\": 3, \"sentiment\": \"neutral\", \"call_success\": true}", "summary must be a string"}};
    CallAnalysisResult heuristic = new HeuristicAnalyzer().analyze(CALL, AGENT);
    for (String[] c : cases) {
      CallAnalysisResult result = answering(c[0]).analyze(CALL, AGENT);
      assertThat(result.method()).as(c[0]).isEqualTo("heuristic");
      assertThat(result.modelError()).as(c[0]).startsWith("analyst-1: invalid answer: ").contains(c[1]);
      assertThat(result.withModelError(null)).as(c[0]).isEqualTo(heuristic);
    }
  }

  @Test
  void aFailingModelFallsBackToTheHeuristic() {
    ModelAnalyzer analyzer = new ModelAnalyzer(AnalysisModel.NONE, new HeuristicAnalyzer());
    CallAnalysisResult result = analyzer.analyze(CALL, AGENT);
    assertThat(result.method()).isEqualTo("heuristic");
    assertThat(result.sentiment()).isEqualTo("negative");
    assertThat(result.modelError()).startsWith("analyst-1: model failed: ")
        .contains("no language model is available");
  }

  @Test
  void anAgentWithoutAModelIsNeverSentToOne() {
    CallAnalysisResult result = answering("{}").analyze(CALL, AgentAnalysis.DEFAULT);
    assertThat(result.method()).isEqualTo("heuristic");
    assertThat(result.modelError()).isNull();
    assertThat(asked).isEmpty();
  }

  @Test
  void randomizedMalformedAnswersNeverThrowAndAreEitherValidOrRefused() {
    Random random = new Random(12);
    String valid = "{\"summary\": \"s\", \"sentiment\": \"neutral\", \"tags\": [\"a\"], \"call_success\": false,"
        + " \"fields\": {\"appointment_day\": \"monday\", \"callback_wanted\": true, \"party_size\": 2.5,"
        + " \"note\": \"n\"}}";
    String alphabet = "{}[]\":,0123456789.eE-+ truefalsnul\\\u00e9\u0000";
    for (int i = 0; i < 3_000; i++) {
      StringBuilder answer = new StringBuilder(valid);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && answer.length() > 0; e++) {
        int at = random.nextInt(answer.length());
        switch (random.nextInt(3)) {
          case 0 -> answer.deleteCharAt(at);
          case 1 -> answer.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> answer.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        ModelReply.Parsed parsed = ModelReply.parse(answer.toString(), TEMPLATE);
        assertThat(parsed.sentiment()).isIn("positive", "neutral", "negative");
        assertThat(parsed.fields().keySet()).containsExactly("appointment_day", "callback_wanted", "party_size",
            "note");
      } catch (ModelReply.Invalid expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
