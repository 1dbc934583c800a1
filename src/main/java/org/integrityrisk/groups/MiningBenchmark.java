package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Times the pipeline's miner (MLlib FP-growth, then the closed filter) against MLlib's
 * FP-growth alone on FIMI benchmark files, and prints the counts so they can be checked
 * against the reference table. Arguments: pairs of {@code file.dat minSupport}.
 */
public final class MiningBenchmark {
  private MiningBenchmark() {}

  public static void main(String[] args) throws IOException {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("mining benchmark")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
    System.out.println("| data set | minsup | transactions | frequent | closed | MLlib FP-growth s | FP-growth + closed s | peak heap MB |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int i = 0; i + 1 < args.length; i += 2) {
      Path file = Path.of(args[i]);
      double minSupport = Double.parseDouble(args[i + 1]);
      Dataset<Row> transactions = read(spark, file).cache();
      long n = transactions.count();
      long start = System.nanoTime();
      Dataset<Row> itemsets = new FPGrowth().setItemsCol(ClosedItemsets.ITEMS).setMinSupport(minSupport).fit(transactions)
          .freqItemsets();
      long frequent = itemsets.count();
      double fpSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      Dataset<Row> again = new FPGrowth().setItemsCol(ClosedItemsets.ITEMS).setMinSupport(minSupport).fit(transactions)
          .freqItemsets().filter(size(col(ClosedItemsets.ITEMS)).geq(1));
      long closed = ClosedItemsets.apply(again).count();
      double closedSeconds = (System.nanoTime() - start) / 1e9;
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT, "| %s | %s | %,d | %,d | %,d | %.1f | %.1f | %d |%n", file.getFileName(),
          args[i + 1], n, frequent, closed, fpSeconds, closedSeconds, (rt.totalMemory() - rt.freeMemory()) >> 20);
      transactions.unpersist();
    }
    spark.stop();
  }

  /** A FIMI file as transactions: one row per line, its distinct items in {@code items}. */
  static Dataset<Row> read(SparkSession spark, Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        rows.add(RowFactory.create((Object) Arrays.stream(line.trim().split("\\s+")).distinct().toArray(String[]::new)));
      }
    }
    return spark.createDataFrame(rows, new StructType().add(ClosedItemsets.ITEMS, DataTypes.createArrayType(DataTypes.StringType)));
  }
}
