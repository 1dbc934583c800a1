package org.integrityrisk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParametersTest {
  private static final String HEADER = "| parameter | default | range | meaning |";

  @Test
  void readmeTableIsRenderedFromTheParameters() throws Exception {
    String expected = Parameters.all().stream()
        .map(p -> "| `" + p.key() + "` | " + p.defaultText() + " | " + p.rangeText() + " | " + p.doc() + " |")
        .collect(Collectors.joining("\n", HEADER + "\n|---|---|---|---|\n", ""));
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int start = lines.indexOf(HEADER);
    assertTrue(start >= 0, "README.md has no line " + HEADER);
    int end = start;
    while (end < lines.size() && !lines.get(end).isBlank()) {
      end++;
    }
    assertEquals(expected, String.join("\n", lines.subList(start, end)),
        "README.md's parameter table is out of date; replace it with:\n" + expected + "\n");
  }

  @Test
  void everyDeclaredParameterIsListed() throws Exception {
    Set<Param<?>> declared = new HashSet<>();
    for (Field field : Parameters.class.getDeclaredFields()) {
      if (field.getType() == Param.class && Modifier.isStatic(field.getModifiers())) {
        declared.add((Param<?>) field.get(null));
      }
    }
    assertEquals(declared, new HashSet<>(Parameters.all()));
  }

  @Test
  void defaultsAreValid() {
    assertEquals(List.of(), PipelineConfig.defaults().validate());
  }

  // manifest.json records the parameters and a re-run compares them with the previous run's:
  // the JSON must stay exactly what earlier versions wrote.
  @Test
  void jsonIsTheManifestFormat() throws Exception {
    assertEquals("{\"lookback-days\":30,\"alignment-lookback-days\":60,\"max-reject-ratio\":0.05,\"max-duplicate-ratio\":0.1,\"min-crossings\":6,\"basket-minutes\":5,"
        + "\"vehicle-minutes\":30,\"min-support\":5,\"trip-hours\":24,\"fdr-level\":0.01,"
        + "\"round-trip-hours\":8,\"short-trip-hours\":4,\"short-trip-share\":0.6,"
        + "\"round-trip-share\":0.3,\"officer-share\":0.35,\"keep-weekday-type\":true,\"max-basket-minutes\":5,\"max-basket-size\":60,"
        + "\"large-group-size\":8,\"large-group-jaccard\":0.6,\"co-travel-max-p\":0.001}",
        new ObjectMapper().writeValueAsString(PipelineConfig.defaults()));
  }

  @Test
  void withChangesOneValue() {
    PipelineConfig changed = PipelineConfig.defaults().with(Parameters.MIN_SUPPORT, 6)
        .with(Parameters.KEEP_WEEKDAY_TYPE, false);
    assertEquals(6, changed.minSupport());
    assertEquals(false, changed.keepWeekdayType());
    assertEquals(5, PipelineConfig.defaults().minSupport());
    assertEquals(PipelineConfig.defaults().lookbackDays(), changed.lookbackDays());
    assertNotEquals(PipelineConfig.defaults(), changed);
    assertEquals(PipelineConfig.defaults(), changed.with(Parameters.MIN_SUPPORT, 5).with(Parameters.KEEP_WEEKDAY_TYPE, true));
    assertEquals(PipelineConfig.defaults().hashCode(), PipelineConfig.defaults().with(Parameters.MIN_SUPPORT, 5).hashCode());
    assertThrows(NullPointerException.class, () -> PipelineConfig.defaults().with(Parameters.FDR_LEVEL, null));
  }

  @Test
  void everyRangeCheckNamesItsKeyAndBounds() {
    assertEquals(List.of("lookback-days must be between 1 and 366, got 0"), problems(Parameters.LOOKBACK_DAYS, 0));
    assertEquals(List.of("min-crossings must be between 2 and 10000, got 10001"),
        problems(Parameters.MIN_CROSSINGS, 10_001));
    assertEquals(List.of("max-reject-ratio must be between 0 and 1, got 1.5"), problems(Parameters.MAX_REJECT_RATIO, 1.5));
    assertEquals(List.of("fdr-level must be greater than 0 and less than 1, got 1.0"), problems(Parameters.FDR_LEVEL, 1.0));
    assertEquals(List.of("large-group-jaccard must be greater than 0 and at most 1, got 0.0"),
        problems(Parameters.LARGE_GROUP_JACCARD, 0.0));
    assertEquals(List.of("co-travel-max-p must be greater than 0 and at most 1, got NaN"),
        problems(Parameters.CO_TRAVEL_MAX_P, Double.NaN));
    assertEquals(List.of(), problems(Parameters.MAX_REJECT_RATIO, -0.0));
    assertEquals(List.of(), problems(Parameters.LARGE_GROUP_JACCARD, 1.0));
    assertEquals(List.of(), problems(Parameters.TRIP_HOURS, 336));
    assertEquals(List.of("trip-hours must be between 0 and 336, got 337"), problems(Parameters.TRIP_HOURS, 337));
  }

  @Test
  void theAlignmentWindowIsNeverShorterThanTheRunWindow() {
    PipelineConfig config = PipelineConfig.defaults();
    assertEquals(60, config.alignmentLookbackDays(), "the default looks back 60 days");
    assertEquals(30, config.with(Parameters.ALIGNMENT_LOOKBACK_DAYS, 0).alignmentLookbackDays(), "0 means the run window");
    assertEquals(90, config.with(Parameters.ALIGNMENT_LOOKBACK_DAYS, 90).alignmentLookbackDays());
    assertEquals(List.of(), config.with(Parameters.ALIGNMENT_LOOKBACK_DAYS, 366).validate());
    // The default keeps working when the run window grows past it: a 90-day run tests over 90 days.
    PipelineConfig longRun = config.with(Parameters.LOOKBACK_DAYS, 90);
    assertEquals(List.of(), longRun.validate());
    assertEquals(90, longRun.alignmentLookbackDays());
    assertEquals(30, config.with(Parameters.ALIGNMENT_LOOKBACK_DAYS, 29).alignmentLookbackDays());
    assertEquals(List.of("alignment-lookback-days must be between 0 and 366, got 367"),
        problems(Parameters.ALIGNMENT_LOOKBACK_DAYS, 367));
    assertEquals(List.of("alignment-lookback-days must be between 0 and 366, got -1"),
        problems(Parameters.ALIGNMENT_LOOKBACK_DAYS, -1));
  }

  @Test
  void rangesReadAsTheReadmeWritesThem() {
    List<String> ranges = new ArrayList<>();
    for (Param<?> p : List.of(Parameters.MAX_BASKET_MINUTES, Parameters.MAX_REJECT_RATIO, Parameters.FDR_LEVEL,
        Parameters.CO_TRAVEL_MAX_P, Parameters.KEEP_WEEKDAY_TYPE)) {
      ranges.add(p.rangeText());
    }
    assertEquals(List.of("1 to 1,440", "0 to 1", "(0, 1)", "(0, 1]", "true/false"), ranges);
  }

  private static <T> List<String> problems(Param<T> param, T value) {
    return PipelineConfig.defaults().with(param, value).validate();
  }
}
