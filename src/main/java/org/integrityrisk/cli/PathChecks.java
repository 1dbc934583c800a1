package org.integrityrisk.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.integrityrisk.ingest.JdbcTable;
import org.integrityrisk.pipeline.RunRequest;

/**
 * The run's paths, checked before Spark starts: a missing input or an output folder that
 * cannot be written is one line naming the path and what is wrong with it (exit 2), found in
 * a second instead of after Spark has started and the ports were read. Paths of other file
 * systems ({@code hdfs:}, {@code s3a:}, ...), catalog tables ({@code table:DB.NAME}) and
 * database tables ({@code jdbc:postgresql:}) are left to Spark, which is the only one that
 * can see them.
 */
final class PathChecks {
  /** A URL scheme of two or more letters: one letter is a Windows drive. */
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):");

  private PathChecks() {}

  /** The inputs and the output folder of a run. */
  static void check(RunRequest request) {
    input("clearances", request.clearances());
    input("rosters", request.rosters());
    request.ports().ifPresent(ports -> input("ports", ports));
    output(request.output());
  }

  /** @throws UsageException naming the option, the path and what is wrong with it */
  static void input(String option, String value) {
    Optional<Path> local = local(option, value);
    if (local.isEmpty()) {
      return;
    }
    Path path = local.get();
    if (!Files.exists(path)) {
      throw new UsageException("--" + option + " " + value + ": no such file or folder");
    }
    if (!Files.isReadable(path)) {
      throw new UsageException("--" + option + " " + value + ": cannot be read (no read permission)");
    }
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        if (files.findAny().isEmpty()) {
          throw new UsageException("--" + option + " " + value + ": the folder is empty");
        }
      } catch (IOException e) {
        throw new UsageException("--" + option + " " + value + ": the folder cannot be listed: " + e.getMessage());
      }
    }
  }

  /** @throws UsageException when the output folder is a file, or cannot be created or written */
  static void output(String value) {
    Optional<Path> local = local("output", value);
    if (local.isEmpty()) {
      return;
    }
    Path path = local.get().toAbsolutePath();
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new UsageException("--output " + value + ": is a file, not a folder");
    }
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new UsageException("--output " + value + ": no part of the path exists");
    }
    if (!Files.isDirectory(existing)) {
      throw new UsageException("--output " + value + ": " + existing + " is a file, not a folder");
    }
    if (!Files.isWritable(existing)) {
      throw new UsageException("--output " + value + ": " + existing + " cannot be written ("
          + (readOnly(existing) ? "its file system is mounted read-only" : "no write permission") + ")");
    }
  }

  /** The local path a value names, empty for another file system's URL. */
  private static Optional<Path> local(String option, String value) {
    Matcher scheme = SCHEME.matcher(value);
    try {
      if (!scheme.find()) {
        return Optional.of(Path.of(value));
      }
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      if (name.equals("file")) {
        return Optional.of(Path.of(URI.create(value)));
      }
      if (name.equals("jdbc") && !value.startsWith(JdbcTable.POSTGRESQL)) {
        throw new UsageException("--" + option + " " + value + ": only PostgreSQL databases can be read "
            + "(jdbc:postgresql://HOST:PORT/DB?table=SCHEMA.TABLE)");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + option + " " + value + ": not a path or URL the pipeline can read ("
          + e.getMessage() + ")");
    }
  }

  private static boolean readOnly(Path path) {
    try {
      return Files.getFileStore(path).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }
}
