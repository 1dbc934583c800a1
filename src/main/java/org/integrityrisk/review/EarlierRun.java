package org.integrityrisk.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * What the latest earlier run handed on: its finding history, every decision received so
 * far and the watch list. Each run writes all three whole, so one earlier run is enough;
 * a run before this feature, or the first run, hands on nothing.
 */
public record EarlierRun(Optional<String> runDate, Dataset<Row> history, Dataset<Row> decisions, Dataset<Row> watchList) {
  public static final String HISTORY = "finding_history";
  public static final String DECISIONS = "feedback";
  public static final String WATCH_LIST = "watch_list";

  public static EarlierRun read(SparkSession spark, Optional<Path> folder) {
    return new EarlierRun(folder.map(f -> f.getName().substring(f.getName().indexOf('=') + 1)),
        table(spark, folder, HISTORY, FindingReview.HISTORY_SCHEMA),
        table(spark, folder, DECISIONS, FindingReview.DECISION_SCHEMA),
        table(spark, folder, WATCH_LIST, WatchList.SCHEMA));
  }

  private static Dataset<Row> table(SparkSession spark, Optional<Path> folder, String name, StructType schema) {
    if (folder.isPresent()) {
      Path path = new Path(folder.get(), name);
      try {
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(path)) {
          return spark.read().schema(schema).parquet(path.toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the earlier run's " + name + " in " + path + " cannot be read", e);
      }
    }
    return spark.createDataFrame(java.util.List.of(), schema);
  }
}
