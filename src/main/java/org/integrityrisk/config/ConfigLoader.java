package org.integrityrisk.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the run's {@link PipelineConfig} in three layers: the defaults, then the JSON
 * file, then command-line flags. Later layers replace earlier ones key by key as JSON
 * values; each value is then converted to its {@link Param}'s type by Jackson, so the
 * file's type rules also hold for flags and an error names the offending key.
 */
public final class ConfigLoader {
  private final ObjectMapper mapper;

  public ConfigLoader() {
    mapper = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // A key given twice would otherwise be last-wins, silently.
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // A JSON file must carry numbers as numbers: "30" for an int is a typo worth
    // reporting. Flags arrive as text and are converted separately in flagValue().
    mapper.coercionConfigDefaults()
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
  }

  /** Names of every config key, as used in files and as flags without the leading dashes. */
  public Set<String> keys() {
    return Parameters.all().stream().map(Param::key).collect(Collectors.toCollection(TreeSet::new));
  }

  public PipelineConfig load(Optional<Path> file, Map<String, String> flags) {
    Map<String, Param<?>> known = Parameters.all().stream()
        .collect(Collectors.toMap(Param::key, p -> p));
    Map<String, JsonNode> given = new HashMap<>();
    if (file.isPresent()) {
      JsonNode fromFile = readFile(file.get());
      Iterator<Map.Entry<String, JsonNode>> fields = fromFile.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        requireKnown(field.getKey(), known, "in " + file.get());
        given.put(field.getKey(), field.getValue());
      }
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      Param<?> param = requireKnown(flag.getKey(), known, "as flag --" + flag.getKey());
      given.put(flag.getKey(), flagValue(param, flag.getValue()));
    }
    // In declaration order, so that of several mistyped keys the same one is reported every time.
    PipelineConfig config = PipelineConfig.defaults();
    for (Param<?> param : Parameters.all()) {
      JsonNode value = given.get(param.key());
      if (value != null) {
        config = withValue(config, param, value, file);
      }
    }
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

  private static Param<?> requireKnown(String key, Map<String, Param<?>> known, String where) {
    Param<?> param = known.get(key);
    if (param == null) {
      throw new ConfigException("unknown configuration key '" + key + "' " + where
          + "; known keys: " + String.join(", ", new TreeSet<>(known.keySet())));
    }
    return param;
  }

  /** Flags are text; give them the JSON type of the parameter so the file rules apply. */
  private JsonNode flagValue(Param<?> param, String text) {
    if (Number.class.isAssignableFrom(param.type())) {
      try {
        JsonNode parsed = mapper.readTree(text.trim());
        return parsed.isNumber() ? parsed : TextNode.valueOf(text);
      } catch (JsonProcessingException e) {
        return TextNode.valueOf(text);
      }
    }
    if (param.type() == Boolean.class) {
      String t = text.trim().toLowerCase();
      if (t.equals("true") || t.equals("false")) {
        return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(t));
      }
    }
    return TextNode.valueOf(text);
  }

  private <T> PipelineConfig withValue(PipelineConfig config, Param<T> param, JsonNode value, Optional<Path> file) {
    try {
      T converted = mapper.treeToValue(value, param.type());
      if (converted != null) {
        return config.with(param, converted);
      }
    } catch (MismatchedInputException e) {
      // Reported below, with the key that Jackson cannot know for a lone value.
    } catch (JsonProcessingException e) {
      throw new ConfigException("configuration cannot be read: " + e.getOriginalMessage());
    }
    throw new ConfigException("configuration key '" + param.key() + "' must be " + describe(param.type())
        + ", got " + value + file.map(f -> " (file " + f + " or its flag)").orElse(""));
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class) {
      return "a whole number";
    }
    if (type == Double.class) {
      return "a number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    return "a " + type.getSimpleName();
  }
}
