package org.integrityrisk.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An input named as a database table: {@code jdbc:postgresql://HOST:PORT/DB?table=SCHEMA.TABLE},
 * the driver's own URL parameters ({@code user=}, {@code ssl=}, ...) passed through. The
 * password never travels in the URL, where the command line, logs and the manifest would
 * show it: it is read from the file {@value #PASSWORD_FILE} names, or from {@value #PASSWORD}.
 *
 * @param url the driver's URL, without {@code table=}
 * @param table the table to read, {@code SCHEMA.TABLE}
 * @param display the URL as the manifest and messages show it
 */
public record JdbcTable(String url, String table, String display) {
  public static final String PREFIX = "jdbc:";
  /** The one database whose driver the pipeline ships. */
  public static final String POSTGRESQL = "jdbc:postgresql:";
  static final String PASSWORD_FILE = "INTEGRITY_RISK_JDBC_PASSWORD_FILE";
  static final String PASSWORD = "INTEGRITY_RISK_JDBC_PASSWORD";
  private static final String DRIVER = "org.postgresql.Driver";

  /** @throws InputRejectedException naming the URL and what is wrong with it */
  static JdbcTable parse(InputKind kind, String input) {
    if (!input.startsWith(POSTGRESQL)) {
      throw new InputRejectedException(kind.inputName() + " input " + input + ": only PostgreSQL databases "
          + "(jdbc:postgresql://HOST:PORT/DB?table=SCHEMA.TABLE) can be read");
    }
    int query = input.indexOf('?');
    String base = query < 0 ? input : input.substring(0, query);
    String table = null;
    List<String> params = new ArrayList<>();
    if (query >= 0) {
      for (String param : input.substring(query + 1).split("&")) {
        if (param.startsWith("table=")) {
          table = param.substring("table=".length());
        } else if (param.toLowerCase(java.util.Locale.ROOT).startsWith("password=")) {
          throw new InputRejectedException(kind.inputName() + " input: a password in the URL would reach the "
              + "command line, logs and the manifest; put it in the file " + PASSWORD_FILE + " names instead");
        } else if (!param.isEmpty()) {
          params.add(param);
        }
      }
    }
    if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw new InputRejectedException(kind.inputName() + " input " + input + ": name the table as ?table=SCHEMA.TABLE");
    }
    String url = params.isEmpty() ? base : base + "?" + String.join("&", params);
    return new JdbcTable(url, table, url + (url.contains("?") ? "&" : "?") + "table=" + table);
  }

  /** The reader's options: the URL, the driver and, when one is given, the password. */
  Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("url", url);
    options.put("driver", DRIVER);
    password().ifPresent(p -> options.put("password", p));
    return options;
  }

  private static java.util.Optional<String> password() {
    String file = System.getenv(PASSWORD_FILE);
    if (file != null) {
      try {
        return java.util.Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new InputRejectedException("the database password file " + file + " (" + PASSWORD_FILE
            + ") cannot be read: " + e.getMessage());
      }
    }
    return java.util.Optional.ofNullable(System.getenv(PASSWORD));
  }
}
