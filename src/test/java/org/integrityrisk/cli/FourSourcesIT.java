package org.integrityrisk.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.ingest.PostgresServer;
import org.integrityrisk.ingest.SourceReader;
import org.integrityrisk.output.Pseudonymiser;
import org.integrityrisk.pipeline.NightlyRun;
import org.integrityrisk.pipeline.Progress;
import org.integrityrisk.pipeline.RunRequest;
import org.integrityrisk.spark.SparkWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated scenario given four ways: as the generator's CSV files, as a Parquet lake
 * laid out by day, as PostgreSQL tables (a real server, started and stopped here) and as
 * tables of Spark's catalog. Every way gives the same findings. The runs are in this JVM,
 * each in a session of its own, so that they see the catalog's tables.
 */
class FourSourcesIT {
  private static final List<String> FINDINGS = List.of("suspect_groups", "officer_risk", "division_risk",
      "flagged_cases", "alignment_tests", "findings");
  @TempDir Path work;

  private Path run(Path scenario, JsonNode truth, String name, String clearances, String rosters) throws Exception {
    String[] args = Launcher.runArgs(scenario, truth, work.resolve(name));
    List<String> list = new java.util.ArrayList<>(List.of(args));
    list.set(list.indexOf("--clearances") + 1, clearances);
    list.set(list.indexOf("--rosters") + 1, rosters);
    RunRequest request = RunOptions.parse(CommandLine.parse(list.toArray(String[]::new)));
    SparkSession session = SharedSpark.get().newSession();
    org.apache.hadoop.fs.Path published = new NightlyRun(session,
        new Progress(new PrintStream(OutputStream.nullOutputStream())), new SparkWork())
        .execute(request, Pseudonymiser.fromKeyFile(request.pseudonymKeyFile()));
    return Path.of(published.toUri().getPath());
  }

  @Test
  void csvParquetLakePostgresqlAndCatalogTablesGiveTheSameFindings() throws Exception {
    Path scenario = work.resolve("scenario");
    JsonNode truth = Launcher.generate(scenario, work.resolve("generate.log"), "--seed", "5", "--scale", "0.1");
    Path clearancesCsv = scenario.resolve(truth.at("/files/clearances").asText());
    Path rostersCsv = scenario.resolve(truth.at("/files/rosters").asText());
    SparkSession spark = SharedSpark.get();
    // Every value as the text the files hold: the sources differ in where rows live, not what they say.
    Dataset<Row> clearances = SourceReader.csvReader(spark).csv(clearancesCsv.toString());
    Dataset<Row> rosters = SourceReader.csvReader(spark).csv(rostersCsv.toString());

    Path csvRun = run(scenario, truth, "csv", clearancesCsv.toString(), rostersCsv.toString());

    Path lake = work.resolve("lake");
    clearances.withColumn("crossing_date", to_date(to_utc_timestamp(
            col("crossed_at").try_cast("timestamp"), "UTC")))
        .write().partitionBy("crossing_date").parquet(lake.resolve("clearances").toString());
    rosters.write().parquet(lake.resolve("rosters.parquet").toString());
    Path lakeRun = run(scenario, truth, "lake", lake.resolve("clearances").toString(),
        lake.resolve("rosters.parquet").toString());

    Path tablesRun;
    try (PostgresServer pg = PostgresServer.start()) {
      pg.execute("postgres", "CREATE DATABASE customs");
      Properties props = new Properties();
      props.setProperty("user", "postgres");
      props.setProperty("driver", "org.postgresql.Driver");
      clearances.write().mode(SaveMode.Overwrite).jdbc(pg.url("customs"), "public.clearances", props);
      rosters.write().mode(SaveMode.Overwrite).jdbc(pg.url("customs"), "public.rosters", props);
      String pgClearances = pg.url("customs") + "?user=postgres&table=public.clearances";
      String pgRosters = pg.url("customs") + "?user=postgres&table=public.rosters";
      tablesRun = run(scenario, truth, "postgresql", pgClearances, pgRosters);
      // A re-run can still tell whether a table changed: its fingerprint is that of its rows.
      run(scenario, truth, "rerun", pgClearances, pgRosters);
      Path same = run(scenario, truth, "rerun", pgClearances, pgRosters);
      assertEquals("[]", new ObjectMapper().readTree(same.resolve("manifest.json").toFile())
          .at("/previous_run/inputs_changed").toString());
      pg.execute("customs", "UPDATE public.clearances SET lane_id = 'LANE-9' WHERE record_id = (SELECT min(record_id) "
          + "FROM public.clearances)");
      Path changed = run(scenario, truth, "rerun", pgClearances, pgRosters);
      assertEquals("[\"clearances\"]", new ObjectMapper().readTree(changed.resolve("manifest.json").toFile())
          .at("/previous_run/inputs_changed").toString());
    }

    spark.sql("CREATE DATABASE IF NOT EXISTS four_sources LOCATION '" + work.resolve("catalog").toUri() + "'");
    clearances.write().option("path", work.resolve("catalog/clearances").toString()).mode(SaveMode.Overwrite)
        .saveAsTable("four_sources.clearances");
    rosters.write().option("path", work.resolve("catalog/rosters").toString()).mode(SaveMode.Overwrite)
        .saveAsTable("four_sources.rosters");
    Path catalogRun = run(scenario, truth, "catalog", "table:four_sources.clearances", "table:four_sources.rosters");

    for (Path other : List.of(lakeRun, tablesRun, catalogRun)) {
      FindingsComparison.assertSameFindings(spark, csvRun, other, FINDINGS);
    }
    // A table's manifest records the query run, the rows read and a fingerprint of the rows.
    JsonNode manifest = new ObjectMapper().readTree(tablesRun.resolve("manifest.json").toFile());
    JsonNode fingerprint = manifest.at("/input_files/clearances");
    assertEquals("SELECT * FROM public.clearances", fingerprint.get("query").asText(), manifest.toString());
    assertEquals(manifest.at("/inputs/clearances/read").asLong(), fingerprint.get("rows").asLong());
    assertEquals(64, fingerprint.get("sha256").asText().length());
    assertEquals(false, manifest.toString().contains("password"), "no password travels in the manifest");
    assertEquals(true, Files.exists(csvRun.resolve("report.html")));
  }
}
