package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.events.EventTypes;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.control.store.BatchJson;
import dev.voiceengine.control.store.BatchView;
import dev.voiceengine.control.store.CallAmd;
import dev.voiceengine.control.store.CallAnalysis;
import dev.voiceengine.control.store.CallContact;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallMedia;
import dev.voiceengine.control.store.CallNote;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallRequest;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallTransfer;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.TurnLatencies;
import dev.voiceengine.control.store.TurnRole;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The document's schemas against the code that reads bodies and writes responses: each request body lists exactly
 * the fields the handler accepts, and each response schema exactly the keys the JSON writers put out (for a call:
 * every key of the fullest view, the light keys as the required ones), so a field added on one side only fails here.
 */
class OpenApiSchemasTest {
  private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
  private final JsonNode doc = parse();

  @Test
  void requestBodiesListExactlyTheAcceptedFields() throws Exception {
    assertThat(properties("PlaceCall")).isEqualTo(sorted(OutboundService.CALL_FIELDS));
    assertThat(properties(schema("PlaceCall").path("properties").path("contact")))
        .isEqualTo(sorted(OutboundService.CONTACT_FIELDS));
    assertThat(properties("PlaceBatch")).isEqualTo(sorted(OutboundService.BATCH_FIELDS));
    assertThat(properties(schema("PlaceBatch").path("properties").path("recipients").path("items")))
        .isEqualTo(sorted(OutboundService.RECIPIENT_FIELDS));
    assertThat(properties("ControlCommand")).isEqualTo(sorted(LiveCallService.CONTROL_FIELDS));
    assertThat(properties("NewNote")).isEqualTo(sorted(DeclaredSets.of(CallNotesService.class, "FIELDS")));
    for (String body : List.of("PlaceCall", "PlaceBatch", "ControlCommand", "NewNote")) {
      assertThat(schema(body).path("additionalProperties").asBoolean(true)).as("%s refuses unknown fields", body)
          .isFalse();
    }
    assertThat(schema("PlaceBatch").at("/properties/recipients/maxItems").asInt())
        .isEqualTo(OutboundService.MAX_RECIPIENTS);
    assertThat(schema("PlaceBatch").at("/properties/calls_per_second/maximum").asDouble())
        .isEqualTo(OutboundService.MAX_CPS);
    assertThat(schema("NewNote").at("/properties/text/maxLength").asInt()).isEqualTo(CallNotesService.MAX_TEXT);
  }

  @Test
  void theCallSchemaHasEveryKeyOfTheFullestViewAndRequiresTheLightOnes() {
    CallRecord call = fullCall();
    ObjectNode fullest = CallViewJson.of(call, new CallView(true, EnumSet.allOf(CallView.Group.class)), null,
        List.of(new CallNote("n1", call.id(), "ops", "called back", AT)));
    assertThat(properties("Call")).isEqualTo(keys(fullest));
    ObjectNode light = CallViewJson.of(call, new CallView(false, Set.of()), null, null);
    assertThat(sorted(names(schema("Call").path("required")))).isEqualTo(keys(light));
    JsonNode props = schema("Call").path("properties");
    for (String part : List.of("media", "amd", "transfer", "contact", "analysis")) {
      assertThat(properties(props.path(part))).as(part).isEqualTo(keys(fullest.path(part)));
    }
    assertThat(properties(props.path("notes").path("items"))).isEqualTo(keys(fullest.path("notes").get(0)));
    assertThat(schema("Call").at("/properties/status/enum").size()).isEqualTo(CallStatus.values().length);
  }

  @Test
  void theConversationSchemasMatchTheirWriters() {
    CallTurn caller = new CallTurn(0, TurnRole.CALLER, "hello", 0, 900, false,
        new TurnLatencies(100L, 200L, 300L, 400L, 500L), null);
    ObjectNode turn = ConversationJson.turn(caller);
    assertThat(properties("Turn")).isEqualTo(keys(turn));
    assertThat(properties(schema("Turn").path("properties").path("metrics"))).isEqualTo(keys(turn.path("metrics")));
    assertThat(properties("KeyPress")).isEqualTo(keys(ConversationJson.key(new CallDtmf(1, "5", 1000, 80, "rfc4733"))));
    ObjectNode metrics = ConversationJson.metrics(List.of(caller));
    assertThat(properties(schema("Call").path("properties").path("metrics"))).isEqualTo(keys(metrics));
    assertThat(properties("Agent"))
        .isEqualTo(keys(LiveCallService.agent(new AgentSummary("a", "A", true, "hi", false))));
    BatchView batch = new BatchView("b", "a", "+15550000000", 1.0, BatchView.RUNNING, 1, Map.of("queued", 1),
        List.of(new BatchView.Recipient(0, "+15551234567", "c", "queued")), AT, null);
    ObjectNode batchJson = BatchJson.of(batch);
    assertThat(properties("Batch")).isEqualTo(keys(batchJson));
    assertThat(properties(schema("Batch").path("properties").path("recipients").path("items")))
        .isEqualTo(keys(batchJson.path("recipients").get(0)));
    assertThat(properties("Note")).isEqualTo(keys(CallViewJson.note(new CallNote("n", "c", "a", "t", AT))));
  }

  @Test
  void theEventSchemaNamesEveryKindAndType() {
    Descriptors.OneofDescriptor kind = CallEvent.getDescriptor().getOneofs().get(0);
    Set<String> expected = new TreeSet<>(Set.of("id", "type"));
    CallEvent.getDescriptor().getFields().forEach(f -> expected.add(f.getName()));
    assertThat(properties("CallEvent")).isEqualTo(expected);
    Set<String> types = new TreeSet<>();
    for (Descriptors.FieldDescriptor f : kind.getFields()) {
      CallEvent.Builder event = CallEvent.newBuilder();
      types.add(EventTypes.of(event.setField(f, event.newBuilderForField(f).build()).build()));
    }
    assertThat(sorted(names(schema("CallEvent").at("/properties/type/enum")))).isEqualTo(types);
    assertThat(doc.at("/paths/~1v1~1calls~1{id}~1events/get/responses/200/content/text~1event-stream/x-event-data/$ref")
        .asText()).isEqualTo("#/components/schemas/CallEvent");
  }

  @Test
  void errorsHaveTheOneErrorShape() throws Exception {
    JsonNode error = OpenApiDocumentTest.parse(ApiErrors.of(ApiException.notFound("x")).content().array());
    assertThat(properties("Error")).isEqualTo(keys(error));
    assertThat(properties(schema("Error").path("properties").path("error"))).isEqualTo(keys(error.path("error")));
  }

  private static CallRecord fullCall() {
    return CallRecord.builder("00000000-0000-0000-0000-000000000001").direction(CallDirection.OUTBOUND)
        .status(CallStatus.COMPLETED).startedAt(AT).createdAt(AT).updatedAt(AT).recording("r.wav")
        .media(new CallMedia(1, 1, 1, 1, 0, 0, 0, 0, 1.0, 2.0, 0))
        .request(new CallRequest("b", "c", "hi", Map.of("k", "v"), Map.of()))
        .amd(new CallAmd("human", 900L, null))
        .transfer(new CallTransfer("sip:desk@example.com", "completed", 200))
        .contact(new CallContact("p", "Ada", "L", "a@example.com"))
        .analysis(new CallAnalysis("s", "neutral", List.of("t"), true, "caller_hangup", "{}", "heuristic", AT))
        .build();
  }

  private JsonNode schema(String name) {
    JsonNode s = doc.path("components").path("schemas").path(name);
    assertThat(s.isObject()).as("schema %s", name).isTrue();
    return s;
  }

  private Set<String> properties(String schema) {
    return properties(schema(schema));
  }

  /** The property names of a schema, following a $ref. */
  private Set<String> properties(JsonNode schema) {
    JsonNode s = schema.has("$ref") ? doc.at(schema.path("$ref").asText().substring(1)) : schema;
    assertThat(s.path("properties").isObject()).as("an object schema: %s", s).isTrue();
    return sorted(OpenApiDocumentTest.names(s.path("properties")));
  }

  private static Set<String> keys(JsonNode object) {
    assertThat(object.isObject()).as("a JSON object: %s", object).isTrue();
    return sorted(OpenApiDocumentTest.names(object));
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new TreeSet<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static Set<String> sorted(Set<String> names) {
    return new TreeSet<>(names);
  }

  private static JsonNode parse() {
    try {
      return OpenApiDocumentTest.parse(OpenApiResources.documentBytes());
    } catch (Exception e) {
      throw new AssertionError("the document is not JSON", e);
    }
  }
}
