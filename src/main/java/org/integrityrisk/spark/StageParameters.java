package org.integrityrisk.spark;

/**
 * The checks a stage makes on its parameters, so that a value outside its range fails where
 * the stage is built, with the stage's name and the configuration key the value comes from
 * ("GroupMiner: min-support must be at least 2, got 0"), instead of deep in a Spark job or
 * MLlib. The ranges are those of {@code PipelineConfig.validate()}.
 */
public final class StageParameters {
  private StageParameters() {}

  /** @throws IllegalArgumentException naming the stage and key unless {@code min <= value <= max} */
  public static int between(String stage, String key, int value, int min, int max) {
    if (value < min) {
      throw new IllegalArgumentException(stage + ": " + key + " must be at least " + min + ", got " + value);
    }
    if (value > max) {
      throw new IllegalArgumentException(stage + ": " + key + " must be at most " + max + ", got " + value);
    }
    return value;
  }

  /** @throws IllegalArgumentException naming the stage and key unless {@code 0 < value <= 1} (NaN is refused) */
  public static double share(String stage, String key, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          stage + ": " + key + " must be greater than 0 and at most 1, got " + value);
    }
    return value;
  }

  /** @throws IllegalArgumentException naming the stage and what is missing when {@code value} is null */
  public static <T> T given(String stage, String what, T value) {
    if (value == null) {
      throw new IllegalArgumentException(stage + ": " + what + " must be given");
    }
    return value;
  }
}
