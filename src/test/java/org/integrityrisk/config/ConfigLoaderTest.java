package org.integrityrisk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void aKeyGivenTwiceIsRefusedNotLastWins(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("twice.json"), "{\"lookback-days\": 14,\n \"lookback-days\": 30}");
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(Optional.of(file), Map.of()));
    assertTrue(e.getMessage().startsWith("config file " + file + " is not valid JSON: Duplicate field 'lookback-days'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void defaultsWithoutFileOrFlags() {
    assertEquals(PipelineConfig.defaults(), loader.load(Optional.empty(), Map.of()));
    assertEquals(30, PipelineConfig.defaults().lookbackDays());
    assertEquals(0.05, PipelineConfig.defaults().maxRejectRatio());
  }

  @Test
  void fileOverridesDefaultsAndFlagsOverrideFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), "{\"lookback-days\": 14, \"max-reject-ratio\": 0.1}");
    PipelineConfig fromFile = loader.load(Optional.of(file), Map.of());
    assertEquals(14, fromFile.lookbackDays());
    assertEquals(0.1, fromFile.maxRejectRatio());
    PipelineConfig flagged = loader.load(Optional.of(file), Map.of("lookback-days", "7"));
    assertEquals(7, flagged.lookbackDays());
    assertEquals(0.1, flagged.maxRejectRatio());
  }

  @Test
  void theAlignmentWindowFollowsTheLongerOfTheTwoWhicheverLayerSetThem(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), "{\"alignment-lookback-days\": 45}");
    assertEquals(45, loader.load(Optional.of(file), Map.of()).alignmentLookbackDays());
    assertEquals(60, loader.load(Optional.of(file), Map.of("lookback-days", "60")).alignmentLookbackDays());
    assertEquals(30, loader.load(Optional.of(file), Map.of("alignment-lookback-days", "0")).alignmentLookbackDays());
  }

  @Test
  void unknownKeyIsNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), "{\"lookback-dayz\": 14}");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(Optional.of(file), Map.of()));
    assertTrue(e.getMessage().contains("'lookback-dayz'"), e.getMessage());
    ConfigException flag = assertThrows(ConfigException.class,
        () -> loader.load(Optional.empty(), Map.of("window", "3")));
    assertTrue(flag.getMessage().contains("'window'"), flag.getMessage());
  }

  @Test
  void wrongTypeIsNamed(@TempDir Path dir) throws Exception {
    for (String json : new String[] {"{\"lookback-days\": \"thirty\"}", "{\"lookback-days\": \"30\"}",
        "{\"lookback-days\": 30.5}", "{\"max-reject-ratio\": true}"}) {
      Path file = Files.writeString(dir.resolve("c.json"), json);
      ConfigException e = assertThrows(ConfigException.class, () -> loader.load(Optional.of(file), Map.of()), json);
      assertTrue(e.getMessage().contains("lookback-days") || e.getMessage().contains("max-reject-ratio"),
          e.getMessage());
    }
    ConfigException flag = assertThrows(ConfigException.class,
        () -> loader.load(Optional.empty(), Map.of("lookback-days", "many")));
    assertTrue(flag.getMessage().contains("'lookback-days'"), flag.getMessage());
  }

  @Test
  void outOfRangeIsNamed() {
    ConfigException days = assertThrows(ConfigException.class,
        () -> loader.load(Optional.empty(), Map.of("lookback-days", "0")));
    assertTrue(days.getMessage().contains("lookback-days"), days.getMessage());
    ConfigException ratio = assertThrows(ConfigException.class,
        () -> loader.load(Optional.empty(), Map.of("max-reject-ratio", "1.5")));
    assertTrue(ratio.getMessage().contains("max-reject-ratio"), ratio.getMessage());
  }

  @Test
  void integerIsAcceptedForARatio(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("c.json"), "{\"max-reject-ratio\": 1}");
    assertEquals(1.0, loader.load(Optional.of(file), Map.of()).maxRejectRatio());
  }

  @Test
  void malformedJsonNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("broken.json"), "{\"lookback-days\": ");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(Optional.of(file), Map.of()));
    assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
  }
}
