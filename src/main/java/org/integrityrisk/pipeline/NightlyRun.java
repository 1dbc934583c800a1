package org.integrityrisk.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.ingest.AlignmentWindow;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.ingest.InputFingerprint;
import org.integrityrisk.ingest.InputRejectedException;
import org.integrityrisk.ingest.RosterChecks;
import org.integrityrisk.ingest.RunWindow;
import org.integrityrisk.output.BuildInfo;
import org.integrityrisk.output.Manifest;
import org.integrityrisk.output.MemoryPeaks;
import org.integrityrisk.output.PreviousRun;
import org.integrityrisk.output.Pseudonymiser;
import org.integrityrisk.output.RunOutput;
import org.integrityrisk.review.ReviewCounts;
import org.integrityrisk.schema.OutputTable;
import org.integrityrisk.spark.Persisted;
import org.integrityrisk.spark.SessionTuning;
import org.integrityrisk.spark.SparkWork;

/**
 * The nightly run: ingest, detect, publish. Inputs in, validated and windowed; findings,
 * case report and manifest published at once, or nothing published.
 */
public final class NightlyRun {
  private final SparkSession spark;
  private final Progress progress;
  private final SparkWork work;

  public NightlyRun(SparkSession spark, Progress progress, SparkWork work) {
    this.spark = spark;
    this.progress = progress;
    this.work = work;
  }

  /** Runs the pipeline and returns the published run folder. */
  public Path execute(RunRequest request, Pseudonymiser pseudonymiser) {
    String startedAt = Instant.now().toString();
    try (MemoryPeaks memory = new MemoryPeaks();
        RunOutput output = RunOutput.open(spark, request.output(), request.runDate());
        Persisted persisted = new Persisted()) {
      output.recovered().forEach(line -> progress.note("recovered: " + line));
      try {
        return execute(request, pseudonymiser, startedAt, memory, output, persisted);
      } catch (RuntimeException e) {
        output.abandon();
        throw e;
      }
    }
  }

  private Path execute(RunRequest request, Pseudonymiser pseudonymiser, String startedAt, MemoryPeaks memory,
      RunOutput output, Persisted persisted) {
    RunWindow window = new RunWindow(request.runDate(), request.config().lookbackDays());
    UserDefinedFunction pseudonymise = functions.udf((UDF1<String, String>) pseudonymiser::pseudonym,
        DataTypes.StringType);
    Ingest ingest = new Ingest(spark, progress, pseudonymise);
    Map<String, InputFingerprint> inputFiles = ingest.fingerprints(request);
    tune(inputFiles);
    Publish publish = new Publish(spark, progress, output, persisted);

    try (Ingested ingested = ingest.apply(request, inputFiles, persisted)) {
      // Compared once ingest has read the inputs: a table's fingerprint comes from the rows its query returned.
      Optional<PreviousRun> previous = output.publishedManifest()
          .flatMap(m -> PreviousRun.compare(m, ingested.inputFiles(), request.config()));
      previous.ifPresent(p -> progress.note(p.describe()));
      List<String> rejected = ingested.rejections(request.config().maxRejectRatio(),
          request.config().maxDuplicateRatio());
      if (!rejected.isEmpty()) {
        throw reject(rejected, new RunRecord(request, window, startedAt, output.runId(), pseudonymiser.fingerprint(),
            output.recovered(), ingested.inputFiles(), previous, ingested.counts(), publish.quarantine(ingested.quarantine()),
            Map.of(), null, List.of()), output, memory);
      }

      Dataset<Row> crossings = window.crossings(ingested.clearances().valid());
      Dataset<Row> shifts = window.shifts(ingested.rosters().valid());
      long crossingsInWindow = progress.stage("window crossings", crossings::count);
      long shiftsInWindow = progress.stage("window shifts", shifts::count);
      Map<String, InputCounts> counts = ingested.countsInWindow(crossingsInWindow, shiftsInWindow);
      List<String> warnings = emptyWindow(window, crossingsInWindow, shiftsInWindow);
      if (request.ports().isEmpty()) {
        warnings.add("no ports table (--ports): every port's local time is taken as UTC and any port id is "
            + "accepted; times of day, which the alignment tests keep, are right only for ports on UTC");
      }
      warnings.addAll(progress.stage("roster checks", "warnings", () -> RosterChecks.apply(shifts, crossings),
          List::size));
      warnings.forEach(w -> progress.note("warning: " + w));
      if (crossingsInWindow == 0 && !request.allowEmptyWindow()) {
        throw reject(List.of("no clearance record falls in the window " + window.start() + " to "
                + window.endExclusive() + ": a stale or empty feed, not a quiet night; --allow-empty-window true "
                + "publishes the empty run"),
            new RunRecord(request, window, startedAt, output.runId(), pseudonymiser.fingerprint(), output.recovered(),
                ingested.inputFiles(), previous, counts, publish.quarantine(ingested.quarantine()), Map.of(), null, warnings),
            output, memory);
      }
      Optional<Detection.LongerAlignment> longer = longerAlignment(request, window, ingested);

      Detection.Detected detected = new Detection(request.config(), window, progress, persisted)
          .apply(crossings, shifts, longer);

      // The shifts and records behind the findings' evidence are those of the window the tests used.
      Publish.Written written = publish.findings(request, detected,
          longer.map(Detection.LongerAlignment::shifts).orElse(shifts),
          longer.map(Detection.LongerAlignment::crossings).orElse(crossings), ingested.quarantine());
      RunRecord record = new RunRecord(request, window, startedAt, output.runId(), pseudonymiser.fingerprint(),
            output.recovered(), ingested.inputFiles(),
          previous, counts, written.outputs(), detected.mining(), detected.limits(), warnings);
      // The report shows the manifest as it stands before the report is written; the
      // published manifest adds the report's own stage.
      publish.report(manifest("succeeded", record, written.review(), memory), written.review());
      output.writeManifest(manifest("succeeded", record, written.review(), memory));
      return output.publish();
    }
  }

  /**
   * The alignment window's inputs, when alignment-lookback-days asks for more days than the
   * run window and the inputs hold some of them; empty otherwise (the tests then use the run
   * window, exactly as without the parameter). The manifest's window stays the run window;
   * the lines below and the alignment stages' names say which days the tests used.
   */
  private Optional<Detection.LongerAlignment> longerAlignment(RunRequest request, RunWindow window,
      Ingested ingested) {
    int asked = request.config().alignmentLookbackDays();
    if (asked == window.lookbackDays()) {
      return Optional.empty();
    }
    RunWindow alignment = progress.stage("alignment window", "days", () -> AlignmentWindow.of(window, asked,
        ingested.clearances().valid(), ingested.rosters().valid()), RunWindow::lookbackDays);
    String days = alignment.firstDay() + " to " + alignment.runDate();
    if (alignment.equals(window)) {
      progress.note("alignment window: the run window (" + days + "); of the " + asked
          + " days asked for, the inputs hold crossings and shifts on no whole day before it");
      return Optional.empty();
    }
    progress.note("groups mined over the run window, " + window.firstDay() + " to "
        + window.runDate() + " (" + window.lookbackDays() + " days); alignment tests over " + days + " ("
        + alignment.lookbackDays() + " days" + (alignment.lookbackDays() < asked
            ? " of the " + asked + " asked for: the first whole day holding both crossings and shifts" : "")
        + ")");
    Dataset<Row> crossings = alignment.crossings(ingested.clearances().valid());
    Dataset<Row> shifts = alignment.shifts(ingested.rosters().valid());
    progress.stage("alignment window crossings", crossings::count);
    progress.stage("alignment window shifts", shifts::count);
    return Optional.of(new Detection.LongerAlignment(alignment, crossings, shifts));
  }

  /** Sizes the session to the input, where the operator set nothing. */
  private void tune(Map<String, InputFingerprint> inputFiles) {
    SessionTuning tuning = SessionTuning.forInput(
        inputFiles.values().stream().mapToLong(InputFingerprint::bytes).sum(), spark.sparkContext().defaultParallelism());
    Map<String, String> tuned = tuning.applyTo(spark);
    if (!tuned.isEmpty()) {
      progress.note(tuning.describe() + (tuned.size() < tuning.settings().size() ? " (where the operator set none)" : ""));
    }
  }

  /**
   * A rejected run publishes its quarantine and manifest under {@code _rejected}, never as
   * findings: the exception to throw, naming where they are.
   */
  private InputRejectedException reject(List<String> reasons, RunRecord record, RunOutput output,
      MemoryPeaks memory) {
    output.writeManifest(manifest("rejected", record, null, memory));
    Path where = output.publishRejected();
    return new InputRejectedException(String.join("\n", reasons)
        + "\nthe rejected rows, with reasons, are in " + RunOutput.display(where) + "/" + OutputTable.QUARANTINE.folder());
  }

  /**
   * Counted warnings for a window that holds no crossings or no shifts: an operator must be
   * able to tell an empty feed from a quiet night.
   */
  static List<String> emptyWindow(RunWindow window, long crossings, long shifts) {
    List<String> warnings = new ArrayList<>();
    String days = window.start() + " to " + window.endExclusive();
    if (crossings == 0) {
      warnings.add("empty window: no clearance record falls in " + days);
    }
    if (shifts == 0) {
      warnings.add("empty window: no shift of the rosters overlaps " + days + "; no duty can be tested");
    }
    return warnings;
  }

  /** The manifest of the run as it stands: its record, and the timings and memory so far. */
  private Manifest manifest(String status, RunRecord run, ReviewCounts review, MemoryPeaks memory) {
    Map<String, String> sparkInfo = new LinkedHashMap<>();
    sparkInfo.put("version", spark.version());
    sparkInfo.put("master", spark.sparkContext().master());
    sparkInfo.put("shuffle_partitions", spark.conf().get(SessionTuning.SHUFFLE_PARTITIONS));
    sparkInfo.put("adaptive_execution", spark.conf().get(SessionTuning.ADAPTIVE));
    sparkInfo.put("whole_stage_codegen", spark.conf().get(SessionTuning.WHOLE_STAGE_CODEGEN));
    sparkInfo.put("io_encryption", spark.sparkContext().getConf().get(SessionTuning.IO_ENCRYPTION, "false"));
    sparkInfo.put("local_dir", spark.sparkContext().getConf().get(SessionTuning.LOCAL_DIR, "(Spark's default)"));
    return new Manifest("integrity-risk", BuildInfo.version(), status, run.runId(), run.keyFingerprint(),
        run.request().runDate().toString(), run.window().start().toString(), run.window().endExclusive().toString(),
        run.startedAt(), Instant.now().toString(), sparkInfo, run.request().config(), run.counts(),
        run.inputFiles(), run.previous().orElse(null), run.recovered(), run.outputs(), run.mining(),
        run.limits(), run.warnings(), progress.stages(), memory.snapshot(), work.settled(Duration.ofSeconds(2)).summary(), review);
  }
}
