package dev.voiceengine.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;

/** The API's JSON writer: one shared mapper; bodies are built as trees so field order and names are explicit. */
public final class Json {
  /** Shared, thread-safe. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The tree as UTF-8 JSON. */
  public static HttpData bytes(JsonNode node) {
    try {
      return HttpData.wrap(MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A 200 response with this JSON body. */
  public static HttpResponse ok(JsonNode node) {
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, bytes(node));
  }
}
