package org.integrityrisk.groups;

import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.DIRECTION;
import static org.integrityrisk.schema.Columns.EVENT_TIME;
import static org.integrityrisk.schema.Columns.GROUP_ID;
import static org.integrityrisk.schema.Columns.LOCAL_DATE;
import static org.integrityrisk.schema.Columns.LOCAL_SECOND_OF_DAY;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.RECORD_ID;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;
import static org.integrityrisk.schema.Columns.VEHICLE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.integrityrisk.StageChecks.refused;
import static org.integrityrisk.StageChecks.rows;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.baskets.FrequentTravellers;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.spark.Persisted;
import org.junit.jupiter.api.Test;

/** The group stages refuse inputs without the columns they read, and parameters out of range. */
class GroupStageChecksTest {
  private static final String ITEMS = CoTravelBaskets.ITEMS;

  /** An empty dataset with these columns: the entry checks read the schema only. */
  @Test
  void groupMinerRefusesASupportMLlibWouldTakeAsNegative() {
    assertEquals("GroupMiner: min-support must be between 2 and 10000, got 0",
        assertThrows(IllegalArgumentException.class, () -> new GroupMiner(0)).getMessage());
    refused("GroupMiner: min-support must be between 2 and 10000, got 10001", () -> new GroupMiner(10_001));
  }

  @Test
  void groupMinerNamesTheInputThatLacksAColumn() {
    Dataset<Row> baskets = rows(BASKET_ID, ITEMS);
    Dataset<Row> crossings = rows(TRAVELLER_PSEUDONYM, FrequentTravellers.TRAVELLER_CROSSINGS);
    Dataset<Row> members = rows(TRAVELLER_PSEUDONYM, GROUP_ID);
    GroupMiner miner = new GroupMiner(5);
    refused("GroupMiner needs column items in its transactions",
        () -> miner.apply(baskets, rows(BASKET_ID), 0, 0, crossings, members));
    refused("GroupMiner needs column traveller_crossings in its traveller crossings",
        () -> miner.apply(baskets, baskets, 0, 0, rows(TRAVELLER_PSEUDONYM), members));
    refused("GroupMiner needs column group_id in its large group members",
        () -> miner.apply(baskets, baskets, 0, 0, crossings, rows(TRAVELLER_PSEUDONYM)));
  }

  @Test
  void sharedBasketsAreCountedFromBasketItems() {
    refused("SharedBaskets needs column items in its baskets", () -> SharedBaskets.pairs(rows(BASKET_ID), 5));
    refused("SharedBaskets: min-support must be between 2 and 10000, got 1", () -> SharedBaskets.pairs(rows(BASKET_ID, ITEMS), 1));
  }

  @Test
  void largeGroupsCheckTheirParametersAndInputs() {
    refused("LargeGroups: large-group-size must be between 3 and 10000, got 2", () -> new LargeGroups.Params(2, 0.6));
    refused("LargeGroups: large-group-jaccard must be greater than 0 and at most 1, got 0.0",
        () -> new LargeGroups.Params(8, 0.0));
    refused("LargeGroups: large-group-jaccard must be greater than 0 and at most 1, got 1.5",
        () -> new LargeGroups.Params(8, 1.5));
    refused("LargeGroups: persisted must be given", () -> new LargeGroups(new LargeGroups.Params(8, 0.6), null));
    try (Persisted persisted = new Persisted()) {
      LargeGroups large = new LargeGroups(LargeGroups.Params.of(PipelineConfig.defaults()), persisted);
      refused("LargeGroups needs column together in its pairs",
          () -> large.members(rows(BASKET_ID, ITEMS), rows(SharedBaskets.A, SharedBaskets.B)));
    }
    refused("LargeGroups needs column group_size in its large group members",
        () -> LargeGroups.merge(rows(BASKET_ID, ITEMS), rows(TRAVELLER_PSEUDONYM, GROUP_ID)));
  }

  @Test
  void coTravellersCheckTheirParametersAndInputs() {
    refused("CoTravellers: co-travel-max-p must be greater than 0 and at most 1, got 0.0",
        () -> new CoTravellers.Params(5, 30, 5, 0.0, true));
    refused("CoTravellers: min-support must be between 2 and 10000, got 0", () -> new CoTravellers.Params(5, 30, 0, 0.001, true));
    refused("CoTravellers: basket-minutes must be between 1 and 240, got 241",
        () -> new CoTravellers.Params(241, 30, 5, 0.001, true));
    CoTravellers coTravellers = new CoTravellers(CoTravellers.Params.of(PipelineConfig.defaults()));
    Dataset<Row> pairs = rows(SharedBaskets.A, SharedBaskets.B, SharedBaskets.TOGETHER);
    refused("CoTravellers needs column local_second_of_day in its crossings", () -> coTravellers.apply(pairs,
        rows(TRAVELLER_PSEUDONYM, PORT_ID, DIRECTION, LOCAL_DATE, CROSSED_AT, VEHICLE_ID), rows(PORT_ID, LOCAL_DATE)));
    refused("CoTravellers needs column kept in its tested pairs",
        () -> CoTravellers.transactions(rows(BASKET_ID, ITEMS), pairs));
  }

  @Test
  void groupEventsNameTheMissingColumn() {
    Dataset<Row> assigned = rows(TRAVELLER_PSEUDONYM, BASKET_ID, PORT_ID, DIRECTION, CROSSED_AT, LOCAL_DATE,
        LOCAL_SECOND_OF_DAY, RECORD_ID);
    refused("GroupEvents needs column members in its groups", () -> GroupEvents.apply(rows(GROUP_ID), assigned));
    refused("GroupEvents needs column event_time in its events",
        () -> GroupEvents.summary(rows(GROUP_ID, PORT_ID, CROSSED_AT)));
    GroupEvents.summary(rows(GROUP_ID, PORT_ID, EVENT_TIME));
  }

  @Test
  void closedItemsetsNeedMLlibsColumns() {
    refused("ClosedItemsets needs column freq in its itemsets", () -> ClosedItemsets.apply(rows(ClosedItemsets.ITEMS)));
  }
}
