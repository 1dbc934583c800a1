package org.integrityrisk.benchmark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.ingest.SourceReader;

/**
 * The I/O floor of a run: read the same CSV inputs with the same reader options and an
 * all-text schema, as ingest does, and write them as Parquet. No validation, no window, no
 * mining; whatever the pipeline costs beyond this is its own work.
 */
public final class IoFloor {
  private final SparkSession spark;

  public IoFloor(SparkSession spark) {
    this.spark = spark;
  }

  /** Copies one input to Parquet under the output folder and returns its row count. */
  public long apply(String input, String output) {
    Dataset<Row> rows = SourceReader.csvReader(spark).option("mode", "PERMISSIVE").csv(input);
    rows.write().mode(SaveMode.Overwrite).parquet(output);
    return spark.read().parquet(output).count();
  }
}
