package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.output.Pseudonymiser;
import org.integrityrisk.pipeline.NightlyRun;
import org.integrityrisk.pipeline.Progress;
import org.integrityrisk.pipeline.RunRequest;
import org.integrityrisk.spark.SparkWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A whole run in this JVM, on a session of the shared Spark context: what the run cached
 * (inputs, detection's intermediate results, the investigator view) is released when it
 * ends, so a process that runs the pipeline again does not carry the caches of the runs
 * before.
 */
class RunReleasesWhatItCachesIT {
  @TempDir Path work;

  private static Set<Integer> persistedRdds(SparkSession spark) {
    Set<Integer> ids = new TreeSet<>();
    CollectionConverters.asJava(spark.sparkContext().getPersistentRDDs()).keySet().forEach(id -> ids.add((Integer) id));
    return ids;
  }

  @Test
  void aRunLeavesNothingPersisted() throws Exception {
    Path scenario = work.resolve("scenario");
    JsonNode truth = Launcher.generate(scenario, work.resolve("generate.log"), "--seed", "5", "--scale", "0.05");
    RunRequest request = RunOptions.parse(CommandLine.parse(Launcher.runArgs(scenario, truth, work.resolve("findings"))));
    // A session of its own: the run sizes its session's options, which must not reach other tests.
    SparkSession session = SharedSpark.get().newSession();
    Set<Integer> before = persistedRdds(session);

    org.apache.hadoop.fs.Path published = new NightlyRun(session, new Progress(new PrintStream(OutputStream.nullOutputStream())),
        new SparkWork()).execute(request, Pseudonymiser.fromKeyFile(request.pseudonymKeyFile()));

    assertTrue(Files.exists(Path.of(published.toUri().getPath()).resolve("manifest.json")), published.toString());
    Set<Integer> left = persistedRdds(session);
    left.removeAll(before);
    assertEquals(Set.of(), left, "RDDs the run persisted and never released");
  }
}
