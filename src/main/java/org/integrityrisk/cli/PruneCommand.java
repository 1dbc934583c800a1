package org.integrityrisk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.integrityrisk.output.Retention;
import org.integrityrisk.output.RunOutput;

/**
 * {@code prune --output DIR --keep-days N [--dry-run true] [--today YYYY-MM-DD]}: deletes
 * what the output folder holds for run dates more than N days before today (UTC), except
 * the newest published run; see {@link Retention}. No Spark: it only lists and deletes.
 */
final class PruneCommand {
  private final PrintStream out;

  PruneCommand(PrintStream out) {
    this.out = out;
  }

  void execute(CommandLine line) throws IOException {
    line.requireOnly("output", "keep-days", "dry-run", "today");
    String output = line.required("output");
    int keepDays;
    try {
      keepDays = Integer.parseInt(line.required("keep-days"));
    } catch (NumberFormatException e) {
      throw new UsageException("--keep-days takes a whole number of days, got '" + line.required("keep-days") + "'");
    }
    if (keepDays < 1) {
      throw new UsageException("--keep-days must be at least 1, got " + keepDays);
    }
    boolean dryRun = RunOptions.flag(line, "dry-run");
    LocalDate today = line.option("today").map(t -> RunOptions.parseDate("today", t)).orElse(LocalDate.now(ZoneOffset.UTC));
    Path given = new Path(output);
    Configuration conf = new Configuration();
    conf.set("fs.permissions.umask-mode", "027");
    FileSystem fs = given.getFileSystem(conf);
    if (!fs.exists(given)) {
      throw new UsageException("--output " + output + ": no such folder");
    }
    Retention.Outcome outcome = new Retention(fs, fs.makeQualified(given)).prune(today, keepDays, dryRun);
    String verb = dryRun ? "would delete " : "deleted ";
    outcome.deleted().forEach(d -> out.println(verb + d));
    outcome.kept().forEach(k -> out.println("kept " + k));
    outcome.skipped().forEach(s -> out.println("skipped " + s));
    out.println((dryRun ? "dry run: " : "") + outcome.deleted().size() + " deleted, " + outcome.kept().size()
        + " kept, " + outcome.skipped().size() + " skipped; run dates before " + today.minusDays(keepDays)
        + (dryRun ? "" : "; logged in " + RunOutput.display(new Path(fs.makeQualified(given), Retention.LOG))));
  }
}
