package org.integrityrisk.benchmark;

import java.time.LocalDate;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.ingest.SourceReader;

/**
 * Co-travel as an analyst would write it without this project, for the benchmark's
 * comparison: every pair of travellers cleared at the same port, in the same direction,
 * within W minutes of each other, counted, kept when they met at least S times. One self-join
 * of the window's crossings; no frequent-traveller filter, no baskets.
 */
public final class ObviousCoTravelSql {
  private final SparkSession spark;

  public ObviousCoTravelSql(SparkSession spark) {
    this.spark = spark;
  }

  /** Writes the pairs to the output folder and returns how many there are. */
  public long apply(String clearances, LocalDate runDate, int lookbackDays, int basketMinutes, int minSupport,
      String output) {
    SourceReader.csvReader(spark).csv(clearances).createOrReplaceTempView("clearances_csv");
    String sql = String.format(Locale.ROOT, """
        WITH crossings AS (
          SELECT traveller_id, port_id, direction, try_to_timestamp(crossed_at) AS crossed_at
          FROM clearances_csv
          WHERE try_to_timestamp(crossed_at) >= TIMESTAMP '%1$s 00:00:00'
            AND try_to_timestamp(crossed_at) < TIMESTAMP '%2$s 00:00:00')
        SELECT a.traveller_id AS traveller_a, b.traveller_id AS traveller_b, count(*) AS co_crossings
        FROM crossings a JOIN crossings b
          ON a.port_id = b.port_id AND a.direction = b.direction
         AND a.traveller_id < b.traveller_id
         AND b.crossed_at BETWEEN a.crossed_at - INTERVAL %3$d MINUTES AND a.crossed_at + INTERVAL %3$d MINUTES
        GROUP BY a.traveller_id, b.traveller_id
        HAVING count(*) >= %4$d
        """, runDate.minusDays(lookbackDays - 1L), runDate.plusDays(1), basketMinutes, minSupport);
    Dataset<Row> pairs = spark.sql(sql);
    pairs.write().mode(SaveMode.Overwrite).parquet(output);
    return spark.read().parquet(output).count();
  }
}
