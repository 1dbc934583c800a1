package org.integrityrisk;

import org.apache.spark.sql.SparkSession;

/** One local SparkSession for all tests of a JVM: starting Spark costs seconds, reusing it nothing. */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  private static String warehouse() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("integrity-risk-warehouse-");
      dir.toFile().deleteOnExit();
      return dir.toUri().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("integrity-risk tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.session.timeZone", "UTC")
          // What a run on a small input chooses (SessionTuning): few partitions, no adaptive
          // re-planning, interpreted plans; the tests' inputs are all small.
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.sql.codegen.wholeStage", "false")
          .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.maxPlanStringLength", "200000")
          // Catalog tests create databases and tables: in a temporary folder, not the project's.
          .config("spark.sql.warehouse.dir", warehouse())
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
