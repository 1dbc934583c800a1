package org.integrityrisk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The README's sample run ({@code data-samples/}, run date {@value #DATE}), made once per
 * test JVM through the real command and copied into the output folder of each test class
 * that starts from it. A run folder is self-contained, so a copy is what the run would have
 * published there; the integration tests share one instead of paying for a run each.
 */
final class SampleRun {
  static final String DATE = "2026-04-10";
  private static final Path HOME = Launcher.ROOT.resolve("target/it-sample-run");
  private static Path published;

  private SampleRun() {}

  /** The sample inputs and pseudonym key, the output folder, then any extra options. */
  static String[] inputArgs(Path output, String... extra) {
    Path samples = Launcher.ROOT.resolve("data-samples");
    List<String> args = new ArrayList<>(List.of(
        "--clearances", samples.resolve("clearances.csv").toString(),
        "--rosters", samples.resolve("rosters.csv").toString(),
        "--ports", samples.resolve("ports.csv").toString(),
        "--output", output.toString(),
        "--pseudonym-key-file", samples.resolve("pseudonym.key").toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** The 'run' command line of the sample inputs for a date. */
  static String[] runArgs(Path output, String date, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--run-date", date));
    args.addAll(List.of(inputArgs(output, extra)));
    return args.toArray(String[]::new);
  }

  /**
   * Copies the sample run into {@code output} as the run of {@value #DATE}, running it first
   * if this JVM has not.
   *
   * @return the copied run folder
   */
  static synchronized Path copyInto(Path output) throws Exception {
    if (published == null) {
      deleteTree(HOME);
      Files.createDirectories(HOME);
      Launcher.Result ran = Launcher.run(HOME.resolve("run.log"), runArgs(HOME.resolve("findings"), DATE));
      if (ran.exit() != 0) {
        throw new AssertionError("the sample run failed: " + ran);
      }
      published = HOME.resolve("findings").resolve("run_date=" + DATE);
    }
    Path target = output.resolve("run_date=" + DATE);
    copyTree(published, target);
    return target;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
