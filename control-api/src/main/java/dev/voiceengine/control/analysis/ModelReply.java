package dev.voiceengine.control.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a model's answer and checks every value against its type; anything off is an {@link Invalid} naming the key,
 * so the analysis falls back to the heuristic rather than storing what the model made up. Text around the object
 * (a code fence, a sentence) is ignored.
 */
final class ModelReply {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SENTIMENTS = Set.of("positive", "neutral", "negative");
  /** Most tags kept, and their longest length. */
  static final int MAX_TAGS = 20;
  static final int MAX_TAG_LENGTH = 40;
  static final int MAX_SUMMARY = 2_000;

  /** The answer is not what was asked for. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /** What the model said; {@code endedReason} is not asked of it (the record knows it). */
  record Parsed(String summary, String sentiment, List<String> tags, boolean callSuccess,
      Map<String, Object> fields) {}

  private ModelReply() {}

  static Parsed parse(String answer, List<AnalysisField> template) throws Invalid {
    JsonNode root = object(answer);
    String summary = text(root, "summary");
    if (summary.isBlank()) {
      throw new Invalid("summary is empty");
    }
    String sentiment = text(root, "sentiment").toLowerCase(Locale.ROOT);
    if (!SENTIMENTS.contains(sentiment)) {
      throw new Invalid("sentiment must be positive, neutral or negative, not " + root.get("sentiment"));
    }
    JsonNode success = root.get("call_success");
    if (success == null || !success.isBoolean()) {
      throw new Invalid("call_success must be true or false");
    }
    String kept = summary.strip();
    return new Parsed(kept.length() > MAX_SUMMARY ? kept.substring(0, MAX_SUMMARY) : kept, sentiment,
        tags(root.get("tags")), success.booleanValue(), fields(root.get("fields"), template));
  }

  private static JsonNode object(String answer) throws Invalid {
    int start = answer == null ? -1 : answer.indexOf('{');
    int end = answer == null ? -1 : answer.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new Invalid("the answer holds no JSON object");
    }
    try {
      JsonNode root = JSON.readTree(answer.substring(start, end + 1));
      if (root == null || !root.isObject()) {
        throw new Invalid("the answer is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new Invalid("the answer is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode root, String key) throws Invalid {
    JsonNode node = root.get(key);
    if (node == null || !node.isTextual()) {
      throw new Invalid(key + " must be a string");
    }
    return node.textValue();
  }

  private static List<String> tags(JsonNode node) throws Invalid {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new Invalid("tags must be an array of strings");
    }
    TreeSet<String> tags = new TreeSet<>();
    for (JsonNode tag : node) {
      if (!tag.isTextual()) {
        throw new Invalid("tags must be an array of strings");
      }
      String t = tag.textValue().strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_");
      if (!t.isEmpty() && !t.equals("_") && t.length() <= MAX_TAG_LENGTH && tags.size() < MAX_TAGS) {
        tags.add(t);
      }
    }
    return new ArrayList<>(tags);
  }

  private static Map<String, Object> fields(JsonNode node, List<AnalysisField> template) throws Invalid {
    if (node != null && !node.isNull() && !node.isObject()) {
      throw new Invalid("fields must be an object");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (AnalysisField field : template) {
      JsonNode value = node == null ? null : node.get(field.name());
      values.put(field.name(), value == null || value.isNull() ? null : typed(field, value));
    }
    return values;
  }

  private static Object typed(AnalysisField field, JsonNode value) throws Invalid {
    String where = "fields." + field.name();
    return switch (field.type()) {
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw new Invalid(where + " must be true or false");
        }
        yield value.booleanValue();
      }
      case NUMBER -> {
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
          throw new Invalid(where + " must be a number");
        }
        yield value.isIntegralNumber() && value.canConvertToLong() ? (Object) value.longValue()
            : (Object) value.doubleValue();
      }
      case STRING -> {
        if (!value.isTextual()) {
          throw new Invalid(where + " must be a string");
        }
        yield value.textValue();
      }
      case ENUM -> {
        String v = value.isTextual() ? value.textValue() : null;
        String allowed = v == null ? null
            : field.values().stream().filter(x -> x.equalsIgnoreCase(v.strip())).findFirst().orElse(null);
        if (allowed == null) {
          throw new Invalid(where + " must be one of " + field.values());
        }
        yield allowed;
      }
    };
  }
}
