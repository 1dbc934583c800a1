package org.integrityrisk.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Deletes what an output folder holds for run dates older than a number of days: published
 * runs, rejected runs, staging leftovers and locks, each date under its {@link RunLock} so
 * that a run in progress is never touched. The newest published run is always kept,
 * whatever its age: the next run reads its {@code finding_history} and {@code watch_list},
 * and its {@code feedback} holds every decision received so far. What was deleted is
 * appended to {@value #LOG}, under the output folder and outside the findings table.
 */
public final class Retention {
  public static final String LOG = "_prune.log";
  private static final Pattern DATED = Pattern.compile("(?:^|\\.)run_date=(\\d{4}-\\d{2}-\\d{2})(?:$|\\.)");

  private final FileSystem fs;
  private final Path root;

  public Retention(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /**
   * What a prune did (or would do): one line per folder or file, and per date it kept or
   * could not touch, with why.
   */
  public record Outcome(List<String> deleted, List<String> kept, List<String> skipped) {
    public Outcome {
      deleted = List.copyOf(deleted);
      kept = List.copyOf(kept);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * @param today the date ages are counted from
   * @param keepDays run dates on or after {@code today - keepDays} are kept
   * @param dryRun say what would be deleted, delete nothing and write no log
   */
  public Outcome prune(LocalDate today, int keepDays, boolean dryRun) {
    LocalDate cutoff = today.minusDays(keepDays);
    try {
      TreeMap<LocalDate, List<Path>> byDate = datedEntries();
      Optional<LocalDate> newest = publishedDates().stream().max(LocalDate::compareTo);
      List<String> deleted = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (var entry : byDate.headMap(cutoff, false).entrySet()) {
        LocalDate date = entry.getKey();
        String partition = RunOutput.partition(date.toString());
        if (newest.isPresent() && newest.get().equals(date)) {
          kept.add(partition + ": the newest published run, whose finding history, watch list and decisions the "
              + "next run reads");
          continue;
        }
        RunLock lock;
        try {
          lock = RunLock.acquire(fs, root, partition, "prune-" + UUID.randomUUID());
        } catch (RunLock.HeldException e) {
          skipped.add(partition + ": " + e.getMessage());
          continue;
        }
        try {
          for (Path path : entry.getValue()) {
            if (!dryRun) {
              fs.delete(path, true);
            }
            deleted.add(RunOutput.display(path) + " (" + what(path) + ", run date " + date + ")");
          }
        } finally {
          // Closing removes the lock file: the date's own, or a dead run's it took over.
          lock.close();
        }
      }
      if (!dryRun && !deleted.isEmpty()) {
        log(today, keepDays, deleted);
      }
      return new Outcome(deleted, kept, skipped);
    } catch (IOException e) {
      throw new UncheckedIOException("the output folder " + RunOutput.display(root) + " cannot be pruned", e);
    }
  }

  /** Published, rejected and staged folders by the run date they belong to; locks are the lock's. */
  private TreeMap<LocalDate, List<Path>> datedEntries() throws IOException {
    TreeMap<LocalDate, List<Path>> byDate = new TreeMap<>();
    for (Path folder : List.of(root, new Path(root, RunOutput.REJECTED_FOLDER), new Path(root,
        RunOutput.STAGING_FOLDER), new Path(root, RunLock.LOCK_FOLDER))) {
      if (!fs.exists(folder)) {
        continue;
      }
      for (FileStatus status : fs.listStatus(folder)) {
        dateOf(status.getPath().getName()).ifPresent(d -> {
          // A date's lock file goes with the lock itself, which the prune takes and releases.
          if (!folder.getName().equals(RunLock.LOCK_FOLDER)) {
            byDate.computeIfAbsent(d, k -> new ArrayList<>()).add(status.getPath());
          } else {
            byDate.computeIfAbsent(d, k -> new ArrayList<>());
          }
        });
      }
    }
    return byDate;
  }

  private TreeSet<LocalDate> publishedDates() throws IOException {
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (FileStatus status : fs.listStatus(root)) {
      if (status.isDirectory() && status.getPath().getName().startsWith("run_date=")) {
        dateOf(status.getPath().getName()).ifPresent(dates::add);
      }
    }
    return dates;
  }

  static Optional<LocalDate> dateOf(String name) {
    Matcher m = DATED.matcher(name);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(m.group(1)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private String what(Path path) {
    String parent = path.getParent().getName();
    if (parent.equals(RunOutput.REJECTED_FOLDER)) {
      return "rejected run";
    }
    if (parent.equals(RunOutput.STAGING_FOLDER)) {
      return "staging leftover";
    }
    return "published run";
  }

  private void log(LocalDate today, int keepDays, List<String> deleted) throws IOException {
    Path log = new Path(root, LOG);
    StringBuilder lines = new StringBuilder();
    String now = Instant.now().toString();
    for (String d : deleted) {
      lines.append(now).append(" deleted ").append(d).append(", older than ").append(keepDays)
          .append(" days before ").append(today).append('\n');
    }
    byte[] previous = new byte[0];
    if (fs.exists(log)) {
      try (var in = fs.open(log)) {
        previous = in.readAllBytes();
      }
    }
    try (OutputStream out = fs.create(log, true)) {
      out.write(previous);
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
