package dev.voiceengine.server.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.analysis.AgentAnalysis;
import dev.voiceengine.control.analysis.AnalysisField;
import dev.voiceengine.control.analysis.AnalysisModel;
import dev.voiceengine.control.analysis.AnalysisSettings;
import dev.voiceengine.control.analysis.FieldType;
import dev.voiceengine.control.analysis.SuccessRule;
import dev.voiceengine.server.config.AgentConfig;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.EngineConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads each agent's {@code analysis:} block into the control plane's {@link AgentAnalysis}; a bad value is a
 * configuration error naming its place ({@code agents[0].analysis.fields[1].type}):
 *
 * <pre>
 * analysis:
 *   model: my-model                  # optional: analysed by this model of the LLM provider
 *   tags: {insurance: [policy, claim]}
 *   success: {fields: [appointment_day], phrases: ["you are booked"]}
 *   fields:
 *     - {name: appointment_day, type: enum, values: [monday, tuesday], instructions: "the day booked"}
 *     - {name: callback_wanted, type: boolean, instructions: "...", keywords: ["call me back"]}
 *     - {name: order_number, type: string, pattern: "order ([A-Z]{2}\\d{4})"}
 * </pre>
 */
public final class AgentAnalyses {
  private static final Set<String> KEYS = Set.of("model", "tags", "success", "fields");
  private static final Set<String> FIELD_KEYS = Set.of("name", "type", "values", "instructions", "keywords",
      "pattern");
  private static final Set<String> SUCCESS_KEYS = Set.of("fields", "phrases");

  static final int MAX_THREADS = 16;

  private AgentAnalyses() {}

  /** The control plane's analysis settings from the configuration, with this model client. */
  public static AnalysisSettings settings(EngineConfig config, AnalysisModel model) throws ConfigException {
    int threads = config.analysis().threads();
    if (threads < 1 || threads > MAX_THREADS) {
      throw new ConfigException("analysis.threads: must be 1 to " + MAX_THREADS + ", not " + threads);
    }
    return new AnalysisSettings(config.analysis().enabled(), read(config.agents()), model, threads);
  }

  /** The analysis of every agent that configures one, by agent id. */
  public static Map<String, AgentAnalysis> read(List<AgentConfig> agents) throws ConfigException {
    Map<String, AgentAnalysis> byAgent = new HashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      JsonNode node = agents.get(i).analysis();
      if (node != null && !node.isNull()) {
        byAgent.put(agents.get(i).id(), read(node, "agents[" + i + "].analysis"));
      }
    }
    return byAgent;
  }

  static AgentAnalysis read(JsonNode node, String at) throws ConfigException {
    object(node, at, KEYS);
    List<AnalysisField> fields = new ArrayList<>();
    JsonNode list = node.get("fields");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new ConfigException(at + ".fields: must be a list");
      }
      for (int j = 0; j < list.size(); j++) {
        fields.add(field(list.get(j), at + ".fields[" + j + "]"));
      }
    }
    Set<String> names = new java.util.HashSet<>();
    for (AnalysisField f : fields) {
      if (!names.add(f.name())) {
        throw new ConfigException(at + ".fields: the name " + f.name() + " is used twice");
      }
    }
    Map<String, List<String>> tags = new LinkedHashMap<>();
    JsonNode tagNode = node.get("tags");
    if (tagNode != null && !tagNode.isNull()) {
      object(tagNode, at + ".tags", null);
      for (Iterator<Map.Entry<String, JsonNode>> it = tagNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!AnalysisField.NAME.matcher(e.getKey()).matches()) {
          throw new ConfigException(at + ".tags." + e.getKey() + ": tags are lower case letters, digits and _");
        }
        tags.put(e.getKey(), strings(e.getValue(), at + ".tags." + e.getKey()));
      }
    }
    SuccessRule success = SuccessRule.DEFAULT;
    JsonNode rule = node.get("success");
    if (rule != null && !rule.isNull()) {
      object(rule, at + ".success", SUCCESS_KEYS);
      success = new SuccessRule(strings(rule.get("fields"), at + ".success.fields"),
          strings(rule.get("phrases"), at + ".success.phrases"));
      for (String name : success.fields()) {
        if (!names.contains(name)) {
          throw new ConfigException(at + ".success.fields: " + name + " is not one of the fields");
        }
      }
    }
    JsonNode model = node.get("model");
    if (model != null && !model.isNull() && !model.isTextual()) {
      throw new ConfigException(at + ".model: must be a model name");
    }
    return new AgentAnalysis(fields, tags, success, model == null || model.isNull() ? null : model.textValue());
  }

  private static AnalysisField field(JsonNode node, String at) throws ConfigException {
    object(node, at, FIELD_KEYS);
    String type = text(node.get("type"), at + ".type");
    FieldType fieldType = FieldType.fromWire(type == null ? "" : type).orElseThrow(() -> new ConfigException(
        at + ".type: must be string, boolean, number or enum, not " + node.get("type")));
    String patternText = text(node.get("pattern"), at + ".pattern");
    Pattern pattern = null;
    if (patternText != null) {
      try {
        pattern = Pattern.compile(patternText);
      } catch (PatternSyntaxException e) {
        throw new ConfigException(at + ".pattern: not a regular expression: " + e.getDescription());
      }
    }
    try {
      return new AnalysisField(text(node.get("name"), at + ".name"), fieldType,
          strings(node.get("values"), at + ".values"), text(node.get("instructions"), at + ".instructions"),
          strings(node.get("keywords"), at + ".keywords"), pattern);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at + ": " + e.getMessage());
    }
  }

  private static void object(JsonNode node, String at, Set<String> keys) throws ConfigException {
    if (node == null || !node.isObject()) {
      throw new ConfigException(at + ": must be a mapping");
    }
    if (keys != null) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!keys.contains(key)) {
          throw new ConfigException(at + "." + key + ": unknown key (expected one of " + keys + ")");
        }
      }
    }
  }

  private static String text(JsonNode node, String at) throws ConfigException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new ConfigException(at + ": must be text");
    }
    return node.textValue();
  }

  private static List<String> strings(JsonNode node, String at) throws ConfigException {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      throw new ConfigException(at + ": must be a list of text");
    }
    for (JsonNode v : node) {
      if (!v.isTextual() || v.textValue().isBlank()) {
        throw new ConfigException(at + ": must be a list of text");
      }
      values.add(v.textValue());
    }
    return values;
  }
}
