package org.integrityrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.pipeline.Evaluation;

/**
 * 'evaluate': how well a run's findings match a generated scenario's truth. Prints a
 * readable table and, as its last line, the same figures as one JSON object.
 */
final class EvaluateCommand {
  private final PrintStream out;

  EvaluateCommand(PrintStream out) {
    this.out = out;
  }

  void execute(CommandLine line) {
    line.requireOnly("truth", "findings");
    Path truthFile = Path.of(line.required("truth"));
    JsonNode truth;
    try {
      truth = new ObjectMapper().readTree(truthFile.toFile());
    } catch (IOException e) {
      throw new UsageException("truth file " + truthFile + " cannot be read: " + e.getMessage());
    }
    Path findings;
    try {
      findings = Evaluation.runFolder(Path.of(line.required("findings")), truth.path("run_date").asText());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("integrity-risk evaluate")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    try {
      Map<String, Object> metrics = Evaluation.evaluate(spark, truth, findings);
      print(metrics);
    } finally {
      spark.stop();
    }
  }

  private void print(Map<String, Object> metrics) {
    out.println("metric                               value");
    out.println("-----------------------------------  ---------------");
    for (Map.Entry<String, Object> e : metrics.entrySet()) {
      Object v = e.getValue();
      String text = v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v);
      out.printf(Locale.ROOT, "%-35s  %s%n", e.getKey(), text);
    }
    ObjectNode json = new ObjectMapper().valueToTree(metrics);
    out.println(json.toString());
  }
}
