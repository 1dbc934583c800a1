package org.integrityrisk.cli;

import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.config.ConfigException;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.ingest.InputRejectedException;
import org.integrityrisk.output.BuildInfo;
import org.integrityrisk.output.Pseudonymiser;
import org.integrityrisk.output.RunLock;
import org.integrityrisk.output.RunOutput;
import org.integrityrisk.pipeline.NightlyRun;
import org.integrityrisk.pipeline.Progress;
import org.integrityrisk.pipeline.RunRequest;
import org.integrityrisk.spark.SessionTuning;
import org.integrityrisk.spark.SparkWork;

/**
 * Entry point of {@code jobs/integrity-risk}. Exit status follows the contract:
 * 0 success, 2 bad usage or configuration, 3 input rejected, 1 anything else.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int REJECTED = 3;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      CommandLine line = CommandLine.parse(args);
      switch (line.command()) {
        case "run" -> runPipeline(line, out, err);
        case "generate" -> new GenerateCommand(out).execute(line);
        case "evaluate" -> new EvaluateCommand(out).execute(line);
        case "prune" -> new PruneCommand(out).execute(line);
        case "io-floor", "obvious-sql" -> new BaselineCommand(out).execute(line);
        case "benchmark-report" -> benchmarkReport(line, out);
        case "help", "--help", "-h" -> out.print(usage());
        case "version", "--version" -> out.println("integrity-risk " + BuildInfo.version());
        default -> throw new UsageException("unknown command '" + line.command() + "'");
      }
      return OK;
    } catch (UsageException | ConfigException e) {
      err.println("integrity-risk: " + e.getMessage());
      err.println("run 'integrity-risk help' for usage");
      return USAGE;
    } catch (InputRejectedException e) {
      err.println("integrity-risk: input rejected: " + e.getMessage());
      return REJECTED;
    } catch (RunLock.HeldException e) {
      err.println("integrity-risk: failed: " + e.getMessage());
      return FAILED;
    } catch (Exception e) {
      err.println("integrity-risk: failed: " + rootMessage(e));
      String log = System.getProperty("integrity.log.file");
      if (log != null) {
        err.println("Spark's log is in " + log);
      }
      e.printStackTrace(err);
      return FAILED;
    }
  }

  private static void benchmarkReport(CommandLine line, PrintStream out) throws java.io.IOException {
    java.util.Optional<org.integrityrisk.benchmark.BenchmarkReport> before = java.util.Optional.empty();
    if (line.option("before").isPresent()) {
      before = java.util.Optional.of(org.integrityrisk.benchmark.BenchmarkReport.read(
          java.nio.file.Path.of(line.option("before").get(), "results.jsonl")));
    }
    String markdown = org.integrityrisk.benchmark.BenchmarkReport.read(java.nio.file.Path.of(line.required("results")))
        .markdown(before);
    java.nio.file.Files.writeString(java.nio.file.Path.of(line.required("output")), markdown);
    out.print(markdown);
  }

  private static void runPipeline(CommandLine line, PrintStream out, PrintStream err) {
    SparkWork work = new SparkWork();
    RunRequest request = RunOptions.parse(line);
    KeyFileCheck.check(request.pseudonymKeyFile(), RunOptions.flag(line, KeyFileCheck.OPTION), err);
    Pseudonymiser pseudonymiser;
    try {
      pseudonymiser = Pseudonymiser.fromKeyFile(request.pseudonymKeyFile());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + "; the pipeline does not run without a pseudonym key");
    }
    PathChecks.check(request);
    Progress progress = new Progress(err, work::tally);
    if (pseudonymiser.isShortKey()) {
      progress.note("warning: the pseudonym key is shorter than 32 bytes; use a longer random key in production");
    }
    java.util.Optional<java.nio.file.Path> localDir = LocalFiles.privateFolder();
    SparkSession spark = session("integrity-risk " + request.runDate(), request.master(), localDir,
        RunOptions.flag(line, LocalFiles.ENCRYPT_OPTION));
    work.attach(spark);
    try {
      var published = new NightlyRun(spark, progress, work).execute(request, pseudonymiser);
      out.println("findings: " + RunOutput.display(published));
    } finally {
      spark.stop();
      localDir.ifPresent(LocalFiles::delete);
    }
  }

  /** The Hadoop umask the run's outputs are written under. */
  static final String OUTPUT_UMASK = "spark.hadoop.fs.permissions.umask-mode";

  /**
   * The session of a command. Under spark-submit the master comes from its configuration;
   * started directly, it uses an embedded local Spark unless --master names one.
   */
  static SparkSession session(String appName, java.util.Optional<String> requestedMaster) {
    return session(appName, requestedMaster, java.util.Optional.empty(), false);
  }

  /**
   * @param localDir a private folder for Spark's shuffle and spill files, unless the
   *     environment names its own
   * @param encryptLocalFiles encrypt shuffle and spill files ({@code spark.io.encryption.enabled})
   */
  static SparkSession session(String appName, java.util.Optional<String> requestedMaster,
      java.util.Optional<java.nio.file.Path> localDir, boolean encryptLocalFiles) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    localDir.ifPresent(dir -> builder.config(SessionTuning.LOCAL_DIR, dir.toString()));
    if (encryptLocalFiles) {
      builder.config(SessionTuning.IO_ENCRYPTION, "true");
    }
    String submitted = System.getProperty("spark.master");
    String master = submitted != null ? submitted : requestedMaster.orElse("local[*]");
    if (submitted == null) {
      builder.master(master);
      builder.config("spark.ui.enabled", "false");
    }
    if (master.startsWith("local") && System.getProperty(SessionTuning.SHUFFLE_PARTITIONS) == null) {
      // Spark's default of 200 shuffle partitions is sized for clusters; on one machine a
      // few per core keeps task overhead low while big shuffles still spill evenly. A run
      // sizes them to its input once it knows its bytes (SessionTuning).
      builder.config(SessionTuning.SHUFFLE_PARTITIONS, String.valueOf(4 * Runtime.getRuntime().availableProcessors()));
    }
    if (System.getProperty(OUTPUT_UMASK) == null) {
      // Findings name officers and describe travellers' movements: the run's folders, tables
      // and report are for their owner and group only (rwxr-x--- and rw-r-----), whatever the
      // process's umask; a cluster that sets its own umask keeps it.
      builder.config(OUTPUT_UMASK, "027");
    }
    return builder
        // All instants are compared and converted in UTC; local times come from port zones.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        // Cached stages name themselves by their plan's text, which repeats every cached
        // input it reads; on a long chain of stages that text outgrows the heap.
        .config("spark.sql.maxPlanStringLength", "200000")
        .getOrCreate();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t.getMessage() + ")";
  }

  static String usage() {
    String parameters = Parameters.all().stream()
        .map(p -> String.format(java.util.Locale.ROOT, "  %-20s %-8s %s", p.key(), p.defaultText(), p.rangeText()))
        .collect(java.util.stream.Collectors.joining("\n"));
    return """
        integrity-risk: leads for internal affairs from clearance records and duty rosters

        usage:
          integrity-risk run --clearances PATH --rosters PATH [--ports PATH]
                             --output DIR --run-date YYYY-MM-DD --pseudonym-key-file FILE
                             [--config FILE.json] [--master URL] [--feedback FILE.csv]
                             [--allow-readable-key-file true] [--allow-empty-window true]
                             [--encrypt-local-files true] [--<parameter> VALUE ...]
          integrity-risk generate --output DIR --seed N [--scale X] [--run-date YYYY-MM-DD]
                                  [--lookback-days N] [--shuttle true] [--queue-burst true]
                                  [--weekly-coach true] [--clearing-officers true]
                                  [--ring-trips MIN-MAX] [--collusion false] [--crowd N]
                                  [--staffing standard|teams-of-5] [--ring-size MIN-MAX]
                                  [--ring-stay-hours MIN-MAX] [--fixed-port-colluder true]
                                  [--free-booths true] [--layout files|partitioned]
          integrity-risk evaluate --truth FILE --findings DIR
          integrity-risk prune --output DIR --keep-days N [--dry-run true] [--today YYYY-MM-DD]
          integrity-risk io-floor --clearances PATH --rosters PATH [--ports PATH] --output DIR
          integrity-risk obvious-sql --clearances PATH --run-date YYYY-MM-DD --output DIR
                                     [--config FILE.json] [--<parameter> VALUE ...]
          integrity-risk help | version

        Inputs are CSV or Parquet files or folders (chosen by extension). Parameters are read
        from --config and may be overridden one by one with --<parameter> VALUE.
        Parameters, their defaults and ranges (README.md says what each means):
        %s
        --feedback names investigators' decisions, a CSV file with the header
        finding_id,decision,date,note (decision: confirmed, dismissed or under_review).
        The key file must be readable by its owner only (chmod 600) unless
        --allow-readable-key-file true says access to it is managed otherwise.

        exit status: 0 success, 2 bad usage or configuration, 3 input rejected, 1 other failure
        """.formatted(parameters);
  }
}
