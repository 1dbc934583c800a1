package org.integrityrisk.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 for a test: Debian's server binaries, a fresh data folder in a
 * temporary directory, a free local port, started here and stopped by {@link #close()}.
 * PostgreSQL refuses to run as root, so under root it runs as the {@code postgres} user.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private final Path dir;
  private final int port;

  private PostgresServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static PostgresServer start() throws Exception {
    assertTrue(Files.isExecutable(BIN.resolve("initdb")), "PostgreSQL 15 is needed (.ci/run installs it)");
    Path dir = Files.createTempDirectory("integrity-risk-pg-");
    if (root()) {
      run(List.of("chown", "postgres:postgres", dir.toString()), false);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    run(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
        "postgres", "--no-sync", "-E", "UTF8"), true);
    run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
        dir.resolve("server.log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
        "start"), true);
    return new PostgresServer(dir, port);
  }

  /** A JDBC URL of a database of this server, for the postgres user. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public void execute(String database, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(database), "postgres", "");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Override
  public void close() throws Exception {
    try {
      run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"),
          true);
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres && root()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
    }
  }
}
