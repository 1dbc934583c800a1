package org.integrityrisk.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The owner of what a piece of work keeps in Spark's memory: every dataset it persists
 * goes through here, and {@link #close()} releases all of them, newest first. A run holds
 * one for its whole life, so a nightly process that runs again, or a test session shared
 * by many runs, does not accumulate the caches of the runs before.
 */
public final class Persisted implements AutoCloseable {
  private final Deque<Runnable> releases = new ArrayDeque<>();

  /** Persists in memory, spilling to disk. */
  public Dataset<Row> persist(Dataset<Row> rows) {
    Dataset<Row> kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
    releases.push(() -> kept.unpersist(false));
    return kept;
  }

  /**
   * Persists the result's rows and starts a fresh query plan on them. Later stages read
   * several results each, and Spark re-analyses the whole plan behind every one of them for
   * every query; on long chains (the last detection stages, rounds of label propagation)
   * that took minutes. Unlike {@code localCheckpoint()}, the rows keep their RDD lineage, so
   * partitions lost with an executor are recomputed instead of failing the job.
   */
  public Dataset<Row> freshPlan(Dataset<Row> result) {
    JavaRDD<Row> rows = result.toJavaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    releases.push(() -> rows.unpersist(false));
    return result.sparkSession().createDataFrame(rows, result.schema());
  }

  /** Releases everything persisted so far; the owner can be used again afterwards. */
  @Override
  public void close() {
    while (!releases.isEmpty()) {
      releases.pop().run();
    }
  }
}
