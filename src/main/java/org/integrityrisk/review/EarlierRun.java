package org.integrityrisk.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.schema.OutputTable;

/**
 * What earlier runs handed on. The latest earlier run that kept a finding history hands
 * on that history and its watch list: each run writes both whole, so one run is enough.
 * Decisions are read from every published run, whatever its date, and filtered to those
 * received by this run's date: a decision given to a re-run of an old date still reaches
 * the next night, and a re-run of the latest date without its feedback file keeps the
 * decisions the replaced run received.
 */
public record EarlierRun(Optional<String> runDate, Dataset<Row> history, Dataset<Row> decisions, Dataset<Row> watchList) {
  /**
   * @param folder the latest run before this run's date that has a finding history
   * @param allRuns every published run folder
   */
  public static EarlierRun read(SparkSession spark, Optional<Path> folder, List<Path> allRuns) {
    List<String> withDecisions = new ArrayList<>();
    for (Path run : allRuns) {
      if (exists(spark, new Path(run, OutputTable.FEEDBACK.folder()))) {
        withDecisions.add(new Path(run, OutputTable.FEEDBACK.folder()).toString());
      }
    }
    Dataset<Row> decisions = withDecisions.isEmpty()
        ? spark.createDataFrame(List.of(), FindingReview.DECISION_SCHEMA)
        : spark.read().schema(FindingReview.DECISION_SCHEMA).parquet(withDecisions.toArray(String[]::new));
    return new EarlierRun(folder.map(f -> f.getName().substring(f.getName().indexOf('=') + 1)),
        table(spark, folder, OutputTable.FINDING_HISTORY, FindingReview.HISTORY_SCHEMA), decisions,
        table(spark, folder, OutputTable.WATCH_LIST, WatchList.SCHEMA));
  }

  /** Nothing handed on: the first run of an output folder. */
  public static EarlierRun none(SparkSession spark) {
    return read(spark, Optional.empty(), List.of());
  }

  private static boolean exists(SparkSession spark, Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(path + " cannot be read", e);
    }
  }

  private static Dataset<Row> table(SparkSession spark, Optional<Path> folder, OutputTable table, StructType schema) {
    if (folder.isPresent() && exists(spark, new Path(folder.get(), table.folder()))) {
      return spark.read().schema(schema).parquet(new Path(folder.get(), table.folder()).toString());
    }
    return spark.createDataFrame(List.of(), schema);
  }
}
