package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.Test;

/** The closed filter against the FIMI reference counts (src/test/resources/fimi/README.md). */
class ClosedItemsetsTest {

  private static Dataset<Row> transactions(String file) throws IOException {
    return MiningBenchmark.read(SharedSpark.get(), Path.of(resource("fimi/" + file)));
  }

  private static java.net.URI resource(String name) {
    try {
      return ClosedItemsetsTest.class.getClassLoader().getResource(name).toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertCounts(String file, double minSupport, long frequent, long closed, int longest)
      throws IOException {
    Dataset<Row> itemsets = new FPGrowth().setItemsCol(ClosedItemsets.ITEMS).setMinSupport(minSupport)
        .fit(transactions(file)).freqItemsets().cache();
    assertEquals(frequent, itemsets.count(), file + " frequent at " + minSupport);
    Dataset<Row> closedSets = ClosedItemsets.apply(itemsets);
    assertEquals(closed, closedSets.count(), file + " closed at " + minSupport);
    assertEquals(longest, (int) closedSets.agg(org.apache.spark.sql.functions.max(size(col(ClosedItemsets.ITEMS)))
        .as("longest")).first().<Integer>getAs("longest"));
  }

  @Test
  void chessAt90Percent() throws IOException {
    assertCounts("chess.dat", 0.9, 622, 498, 7);
  }

  @Test
  void mushroomAt50Percent() throws IOException {
    assertCounts("mushroom.dat", 0.5, 153, 45, 5);
  }

  @Test
  void mushroomAt30Percent() throws IOException {
    assertCounts("mushroom.dat", 0.3, 2735, 427, 9);
  }
}
