package org.integrityrisk.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One tunable parameter: its key (in a config file, and as a flag after {@code --}), type,
 * default, valid range and meaning. Each is declared once, in {@link Parameters}; the
 * defaults, the range checks, the loader's type checks, the usage text and the README's
 * table are all derived from it, so they cannot drift apart.
 *
 * @param <T> {@code Integer}, {@code Double} or {@code Boolean}
 */
public final class Param<T> {
  private final String key;
  private final Class<T> type;
  private final T defaultValue;
  private final Range range; // null for booleans, where every value is valid
  private final String doc;

  private Param(String key, Class<T> type, T defaultValue, Range range, String doc) {
    this.key = requireText(key, "key");
    this.type = type;
    this.defaultValue = Objects.requireNonNull(defaultValue, "default of " + key);
    this.range = range;
    this.doc = requireText(doc, "doc of " + key);
    // A default outside its own range would make every run without a config fail.
    problem(defaultValue).ifPresent(p -> {
      throw new IllegalArgumentException("default is out of range: " + p);
    });
  }

  static Param<Integer> wholeNumber(String key, int defaultValue, Range range, String doc) {
    return new Param<>(key, Integer.class, defaultValue, Objects.requireNonNull(range, "range of " + key), doc);
  }

  static Param<Double> number(String key, double defaultValue, Range range, String doc) {
    return new Param<>(key, Double.class, defaultValue, Objects.requireNonNull(range, "range of " + key), doc);
  }

  static Param<Boolean> trueOrFalse(String key, boolean defaultValue, String doc) {
    return new Param<>(key, Boolean.class, defaultValue, null, doc);
  }

  /** The name in a config file and, after {@code --}, on the command line. */
  public String key() {
    return key;
  }

  public Class<T> type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** What the parameter means, in one line. */
  public String doc() {
    return doc;
  }

  /** The default as shown to users: {@code 30}, {@code 0.05}, {@code true}. */
  public String defaultText() {
    return defaultValue instanceof Number n ? display(n.doubleValue()) : defaultValue.toString();
  }

  /** The valid values as shown to users: {@code 1 to 366}, {@code (0, 1]}, {@code true/false}. */
  public String rangeText() {
    if (range == null) {
      return "true/false";
    }
    if (range.minInclusive() && range.maxInclusive()) {
      return display(range.min()) + " to " + display(range.max());
    }
    return (range.minInclusive() ? "[" : "(") + display(range.min()) + ", " + display(range.max())
        + (range.maxInclusive() ? "]" : ")");
  }

  /**
   * The check a stage makes where it is built, so that a value no configuration could hold
   * (a test's, or a caller's that skipped validation) fails there, with the stage's name,
   * rather than deep in a Spark job or MLlib. The range is this descriptor's, not a copy.
   *
   * @throws IllegalArgumentException naming the stage and the key, e.g.
   *     "GroupMiner: min-support must be between 2 and 10000, got 0"
   */
  public T require(String stage, T value) {
    if (value == null) {
      throw new IllegalArgumentException(stage + ": " + key + " must be given");
    }
    problem(value).ifPresent(p -> {
      throw new IllegalArgumentException(stage + ": " + p);
    });
    return value;
  }

  /** Why {@code value} is not valid, naming the key; empty when it is. */
  Optional<String> problem(T value) {
    if (range == null || range.contains(((Number) value).doubleValue())) {
      return Optional.empty();
    }
    String bounds = range.minInclusive() && range.maxInclusive()
        ? "between " + plain(range.min()) + " and " + plain(range.max())
        : (range.minInclusive() ? "at least " : "greater than ") + plain(range.min()) + " and "
            + (range.maxInclusive() ? "at most " : "less than ") + plain(range.max());
    return Optional.of(key + " must be " + bounds + ", got " + value);
  }

  @Override
  public String toString() {
    return key;
  }

  private static String requireText(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return text;
  }

  // Messages print bounds as plain numbers ("10000"), as they always have; tables group digits.
  private static String plain(double bound) {
    return isWhole(bound) ? Long.toString((long) bound) : BigDecimal.valueOf(bound).toPlainString();
  }

  private static String display(double number) {
    return isWhole(number) ? String.format(Locale.ROOT, "%,d", (long) number)
        : BigDecimal.valueOf(number).toPlainString();
  }

  private static boolean isWhole(double number) {
    return number == Math.rint(number) && Math.abs(number) < 1e15;
  }

  /**
   * Valid values of a numeric parameter. Whole-number bounds are exact as doubles, and
   * comparing as doubles rejects NaN and accepts -0.0 where 0 is allowed.
   */
  record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {
    Range {
      if (!(min < max)) {
        throw new IllegalArgumentException("empty range: min " + min + " is not below max " + max);
      }
    }

    static Range closed(double min, double max) {
      return new Range(min, true, max, true);
    }

    static Range open(double min, double max) {
      return new Range(min, false, max, false);
    }

    static Range openClosed(double min, double max) {
      return new Range(min, false, max, true);
    }

    boolean contains(double value) {
      return (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);
    }
  }
}
