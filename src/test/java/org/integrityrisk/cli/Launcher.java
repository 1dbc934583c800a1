package org.integrityrisk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code jobs/integrity-risk} as a user would, capturing what it prints. */
final class Launcher {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();

  record Result(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /** What one generated scenario produced: its truth, run folder, manifest and evaluation. */
  record Scenario(com.fasterxml.jackson.databind.JsonNode truth, Path runFolder,
      com.fasterxml.jackson.databind.JsonNode manifest, com.fasterxml.jackson.databind.JsonNode metrics, String report) {}

  private Launcher() {}

  /** Generates a scenario into {@code scenario} through the launcher and returns its truth. */
  static com.fasterxml.jackson.databind.JsonNode generate(Path scenario, Path logFile, String... options)
      throws Exception {
    List<String> generate = new ArrayList<>(List.of("generate", "--output", scenario.toString()));
    generate.addAll(List.of(options));
    assertExit(0, run(logFile, generate.toArray(String[]::new)));
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(scenario.resolve("truth.json").toFile());
  }

  /** Generates a scenario, runs the pipeline on it and evaluates the findings, all through the launcher. */
  static Scenario generateRunEvaluate(Path work, String name, String... generateOptions) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    Path scenario = work.resolve(name);
    List<String> generate = new ArrayList<>(List.of("generate", "--output", scenario.toString()));
    generate.addAll(List.of(generateOptions));
    Result generated = run(work.resolve(name + "-generate.log"), generate.toArray(String[]::new));
    assertExit(0, generated);
    com.fasterxml.jackson.databind.JsonNode truth = json.readTree(scenario.resolve("truth.json").toFile());
    Path output = work.resolve(name + "-findings");
    Result ran = run(work.resolve(name + "-run.log"), runArgs(scenario, truth, output));
    assertExit(0, ran);
    Result evaluated = run(work.resolve(name + "-evaluate.log"), "evaluate",
        "--truth", scenario.resolve("truth.json").toString(), "--findings", output.toString());
    assertExit(0, evaluated);
    List<String> lines = evaluated.stdout().lines().toList();
    Path runFolder = output.resolve("run_date=" + truth.get("run_date").asText());
    return new Scenario(truth, runFolder, json.readTree(runFolder.resolve("manifest.json").toFile()),
        json.readTree(lines.get(lines.size() - 1)), evaluated.stdout());
  }

  /** The 'run' command line for a generated scenario, as its truth names the files. */
  static String[] runArgs(Path scenario, com.fasterxml.jackson.databind.JsonNode truth, Path output,
      String... extra) {
    List<String> args = new ArrayList<>(List.of("run",
        "--clearances", scenario.resolve(truth.at("/files/clearances").asText()).toString(),
        "--rosters", scenario.resolve(truth.at("/files/rosters").asText()).toString(),
        "--ports", scenario.resolve(truth.at("/files/ports").asText()).toString(),
        "--output", output.toString(),
        "--run-date", truth.get("run_date").asText(),
        "--pseudonym-key-file", scenario.resolve(truth.get("key_file").asText()).toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static void assertExit(int expected, Result result) {
    if (result.exit() != expected) {
      throw new AssertionError("expected exit " + expected + ", got " + result);
    }
  }

  static Result run(Path logFile, String... args) throws IOException, InterruptedException {
    return start("jobs/integrity-risk", logFile, args).finish();
  }

  /** A launcher process still running: its output files can be watched while it works. */
  static final class Running {
    private final Process process;
    private final Path out;
    private final Path err;
    private final String description;

    private Running(Process process, Path out, Path err, String description) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.description = description;
    }

    /** The JVM's process: the launcher execs java, so killing it kills the driver. */
    Process process() {
      return process;
    }

    String stderrSoFar() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits until stderr shows a line containing the text, or fails if the process ends first. */
    void awaitStderr(String text, java.time.Duration timeout) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!stderrSoFar().contains(text)) {
        if (!process.isAlive()) {
          throw new AssertionError(description + " ended before printing '" + text + "':\n" + stderrSoFar());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(description + " did not print '" + text + "' within " + timeout);
        }
        Thread.sleep(50);
      }
    }

    Result finish() throws IOException, InterruptedException {
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(description + " did not finish in 15 minutes");
      }
      Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    }
  }

  /** Starts one of the project's job scripts (e.g. {@code jobs/nightly}) without waiting for it. */
  static Running start(String script, Path logFile, String... args) throws IOException {
    return start(script, logFile, java.util.Map.of(), args);
  }

  /** Starts a job script with extra environment variables, e.g. INTEGRITY_RISK_SUBMIT_OPTS. */
  static Running start(String script, Path logFile, java.util.Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve(script).toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(ROOT.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().put("INTEGRITY_RISK_LOG", logFile.toString());
    builder.environment().put("INTEGRITY_RISK_DRIVER_MEMORY", "2g");
    builder.environment().putAll(env);
    return new Running(builder.start(), out, err, script + " " + String.join(" ", args));
  }
}
