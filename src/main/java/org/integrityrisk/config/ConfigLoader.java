package org.integrityrisk.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the run's {@link PipelineConfig} in three layers: the defaults, then the JSON
 * file, then command-line flags. Layers are merged as JSON trees so that one Jackson
 * conversion does all type checking and reports the offending key.
 */
public final class ConfigLoader {
  private final ObjectMapper mapper;

  public ConfigLoader() {
    mapper = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // A JSON file must carry numbers as numbers: "30" for an int is a typo worth
    // reporting. Flags arrive as text and are converted separately in merge().
    mapper.coercionConfigDefaults()
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
  }

  /** Names of every config key, as used in files and as flags without the leading dashes. */
  public Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    mapper.valueToTree(PipelineConfig.defaults()).fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public PipelineConfig load(Optional<Path> file, Map<String, String> flags) {
    ObjectNode tree = mapper.valueToTree(PipelineConfig.defaults());
    Set<String> known = keys();
    if (file.isPresent()) {
      JsonNode fromFile = readFile(file.get());
      Iterator<Map.Entry<String, JsonNode>> fields = fromFile.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        requireKnown(field.getKey(), known, "in " + file.get());
        tree.set(field.getKey(), field.getValue());
      }
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      requireKnown(flag.getKey(), known, "as flag --" + flag.getKey());
      tree.set(flag.getKey(), flagValue(tree.get(flag.getKey()), flag.getKey(), flag.getValue()));
    }
    PipelineConfig config = convert(tree, file);
    var problems = config.validate();
    if (!problems.isEmpty()) {
      throw new ConfigException("invalid configuration: " + String.join("; ", problems));
    }
    return config;
  }

  private JsonNode readFile(Path file) {
    JsonNode node;
    try {
      node = mapper.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (JsonProcessingException e) {
      throw new ConfigException("config file " + file + " is not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ConfigException("config file " + file + " must hold one JSON object of parameters");
    }
    return node;
  }

  private static void requireKnown(String key, Set<String> known, String where) {
    if (!known.contains(key)) {
      throw new ConfigException("unknown configuration key '" + key + "' " + where
          + "; known keys: " + String.join(", ", known));
    }
  }

  /** Flags are text; give them the JSON type of the key's default so the file rules apply. */
  private JsonNode flagValue(JsonNode current, String key, String text) {
    if (current != null && current.isNumber()) {
      try {
        JsonNode parsed = mapper.readTree(text.trim());
        return parsed.isNumber() ? parsed : TextNode.valueOf(text);
      } catch (JsonProcessingException e) {
        return TextNode.valueOf(text);
      }
    }
    if (current != null && current.isBoolean()) {
      String t = text.trim().toLowerCase();
      if (t.equals("true") || t.equals("false")) {
        return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(t));
      }
    }
    return TextNode.valueOf(text);
  }

  private PipelineConfig convert(ObjectNode tree, Optional<Path> file) {
    try {
      return mapper.treeToValue(tree, PipelineConfig.class);
    } catch (MismatchedInputException e) {
      String key = e.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."));
      JsonNode value = key.isEmpty() ? null : tree.get(key);
      String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
      String got = value == null ? "" : ", got " + value;
      throw new ConfigException("configuration key '" + key + "' must be " + expected + got
          + file.map(f -> " (file " + f + " or its flag)").orElse(""));
    } catch (JsonProcessingException e) {
      throw new ConfigException("configuration cannot be read: " + e.getOriginalMessage());
    }
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    return "a " + type.getSimpleName();
  }
}
