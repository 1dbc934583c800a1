package org.integrityrisk.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Starts a fresh query plan on the persisted rows of a result. Later stages read several
 * results each, and Spark re-analyses the whole plan behind every one of them for every
 * query; on long chains (the last detection stages, rounds of label propagation) that took
 * minutes. Unlike {@code localCheckpoint()}, the rows keep their RDD lineage, so partitions
 * lost with an executor are recomputed instead of failing the job.
 */
public final class FreshPlan {
  private FreshPlan() {}

  public static Dataset<Row> of(Dataset<Row> result) {
    JavaRDD<Row> rows = result.toJavaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    return result.sparkSession().createDataFrame(rows, result.schema());
  }
}
