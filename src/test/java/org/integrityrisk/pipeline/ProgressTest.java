package org.integrityrisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.integrityrisk.output.StageTiming;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void aStageHandsBackItsResultAndReportsTheCountItNames() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<String> result = List.of("a", "b", "c");

    assertSame(result, progress.stage("gather", "items", () -> result, List::size));
    assertEquals(7, progress.stage("count", () -> 7L));

    List<StageTiming> stages = progress.stages();
    assertEquals(List.of("gather", "count"), stages.stream().map(StageTiming::stage).toList());
    assertEquals(List.of(3L, 7L), stages.stream().map(StageTiming::rows).toList());
    String lines = printed.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("gather") && lines.contains("3 items"), lines);
    assertTrue(lines.contains("7 rows"), lines);
  }
}
