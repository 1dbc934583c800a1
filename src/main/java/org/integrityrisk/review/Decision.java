package org.integrityrisk.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an investigator decided about a finding. */
public enum Decision {
  CONFIRMED,
  DISMISSED,
  UNDER_REVIEW;

  /** The word used in feedback files and outputs. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Decision> fromWord(String text) {
    return Arrays.stream(values()).filter(d -> d.word().equals(text)).findFirst();
  }

  public static String words() {
    return String.join(", ", Arrays.stream(values()).map(Decision::word).toList());
  }
}
