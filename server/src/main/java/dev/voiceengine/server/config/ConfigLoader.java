package dev.voiceengine.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration: parses it (duplicate keys are errors), substitutes ${VAR} and ${VAR:-default} from
 * the environment inside string values (after parsing, so a value's quotes, '#' or backslashes are never YAML), maps
 * it onto {@link EngineConfig}, and turns every problem into a {@link ConfigException} naming the file, the key and
 * what was expected.
 */
public final class ConfigLoader {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private final ObjectMapper mapper;
  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.mapper = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** Loads a config file. */
  public EngineConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /** Parses config text; {@code source} names it in error messages. Empty text means all defaults. */
  public EngineConfig parse(String source, String text) throws ConfigException {
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw notYaml(source, e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return EngineConfig.defaults();
    }
    substitute(source, tree, "");
    try {
      EngineConfig config = mapper.treeToValue(tree, EngineConfig.class);
      return config == null ? EngineConfig.defaults() : config;
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(source + ": " + path(e) + ": unknown key; expected one of "
          + new TreeSet<>(e.getKnownPropertyIds().stream().map(Object::toString).toList()), e);
    } catch (InvalidFormatException e) {
      throw new ConfigException(source + ": " + path(e) + ": expected " + describe(e.getTargetType())
          + ", got \"" + e.getValue() + "\"", e);
    } catch (MismatchedInputException e) {
      throw new ConfigException(source + ": " + path(e) + ": expected " + describe(e.getTargetType()), e);
    } catch (JsonMappingException e) {
      throw new ConfigException(source + ": " + path(e) + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new ConfigException(source + ": not a valid configuration: " + e.getMessage(), e);
    }
  }

  private static ConfigException notYaml(String source, JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
    return new ConfigException(source + ": " + where + "not valid YAML: " + firstLine(e.getOriginalMessage()), e);
  }

  /** Replaces ${VAR} and ${VAR:-default} in every string value under {@code node} ({@code path} names it). */
  private void substitute(String source, JsonNode node, String path) throws ConfigException {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
        String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isTextual()) {
          object.put(field.getKey(), substitute(source, field.getValue().asText(), key));
        } else {
          substitute(source, field.getValue(), key);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String key = path + "[" + i + "]";
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(substitute(source, array.get(i).asText(), key)));
        } else {
          substitute(source, array.get(i), key);
        }
      }
    }
  }

  private String substitute(String source, String text, String key) throws ConfigException {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = environment.get(m.group(1));
      if (value == null) {
        value = m.group(3);
      }
      if (value == null) {
        throw new ConfigException(source + ": " + key + ": environment variable " + m.group(1)
            + " is not set (write ${" + m.group(1) + ":-default} to give a default)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** "trunks[0].inbound.allow" from Jackson's reference chain, in the YAML's own snake_case key names. */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "a mapping";
    }
    return "a mapping (" + type.getSimpleName().replace("Config", "").toLowerCase() + " settings)";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
