package org.integrityrisk.config;

/**
 * What a stage checks on the values it is built with besides their ranges (which each
 * {@link Param} checks with {@link Param#require}): that they are given at all, so a
 * missing one fails where the stage is built, with its name.
 */
public final class StageParameters {
  private StageParameters() {}

  /** @throws IllegalArgumentException naming the stage and what is missing when {@code value} is null */
  public static <T> T given(String stage, String what, T value) {
    if (value == null) {
      throw new IllegalArgumentException(stage + ": " + what + " must be given");
    }
    return value;
  }
}
