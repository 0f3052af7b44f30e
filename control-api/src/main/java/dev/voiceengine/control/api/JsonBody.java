package dev.voiceengine.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request's JSON body strictly: one object, only the fields the resource knows (an unknown one is a 400
 * naming it, so a typo is not silently ignored), each of the expected type. Fields inside arrays are named with
 * their path, e.g. {@code recipients[3].to_number}.
 */
final class JsonBody {
  /** E.164: a plus, a non-zero digit, at most 15 digits in all (ITU-T E.164 §6). */
  static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  /** Most keys in context or metadata. */
  static final int MAX_KEYS = 50;
  /** Longest text value. */
  static final int MAX_TEXT = 4_000;

  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private JsonBody() {}

  /** The body as a JSON object, or a 400. */
  static ObjectNode object(AggregatedHttpRequest req) {
    String text = req.content(StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw invalid(null, "the request body must be a JSON object");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(null, "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw invalid(null, "the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Refuses any field not in {@code known}. */
  static void onlyFields(ObjectNode node, String prefix, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw invalid(prefix + name, "unknown field " + prefix + name);
      }
    }
  }

  /** A string field; null when absent or JSON null, unless required. */
  static String text(ObjectNode node, String prefix, String name, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(prefix + name, prefix + name + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(prefix + name, prefix + name + " must be a string");
    }
    String text = value.asText();
    if (required && text.isBlank()) {
      throw invalid(prefix + name, prefix + name + " must not be empty");
    }
    if (text.length() > MAX_TEXT) {
      throw invalid(prefix + name, prefix + name + " is longer than " + MAX_TEXT + " characters");
    }
    return text;
  }

  /** An E.164 number field. */
  static String e164(ObjectNode node, String prefix, String name, boolean required) {
    String number = text(node, prefix, name, required);
    if (number != null && !E164.matcher(number).matches()) {
      throw invalid(prefix + name, prefix + name + " must be an E.164 number such as +15551234567");
    }
    return number;
  }

  /** An object of string values (numbers and booleans are taken as their text); empty when absent. */
  static Map<String, String> strings(ObjectNode node, String prefix, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    String field = prefix + name;
    if (!value.isObject()) {
      throw invalid(field, field + " must be an object of string values");
    }
    if (value.size() > MAX_KEYS) {
      throw invalid(field, field + " has more than " + MAX_KEYS + " keys");
    }
    Map<String, String> values = new LinkedHashMap<>();
    var fields = value.fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      JsonNode v = entry.getValue();
      if (!v.isValueNode() || v.isNull()) {
        throw invalid(field + "." + entry.getKey(), field + "." + entry.getKey() + " must be a string");
      }
      if (entry.getKey().isEmpty() || v.asText().length() > MAX_TEXT) {
        throw invalid(field + "." + entry.getKey(), field + " holds an empty key or a value that is too long");
      }
      values.put(entry.getKey(), v.asText());
    }
    return values;
  }

  /** A positive number field at most {@code max}; null when absent. */
  static Double positive(ObjectNode node, String name, double max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !(value.asDouble() > 0) || value.asDouble() > max) {
      throw invalid(name, name + " must be a number above 0 and at most " + max);
    }
    return value.asDouble();
  }

  /** SHA-256 (hex) of the resource and the body with its keys sorted: equal for equal requests. */
  static String hash(String resource, JsonNode body) {
    try {
      String canonical = CANONICAL.writeValueAsString(CANONICAL.treeToValue(body, Object.class));
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(resource.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("a parsed JSON tree always serializes", e);
    }
  }

  static ApiException invalid(String field, String message) {
    return new ApiException(com.linecorp.armeria.common.HttpStatus.BAD_REQUEST, "invalid_parameter", message, field);
  }
}
