package org.integrityrisk.baskets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.DIRECTION;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.RECORD_ID;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;
import static org.integrityrisk.schema.Columns.VEHICLE_ID;
import static org.integrityrisk.StageChecks.refused;
import static org.integrityrisk.StageChecks.rows;

import org.integrityrisk.config.PipelineConfig;
import org.junit.jupiter.api.Test;

/** The basket stages refuse inputs without the columns they read, and parameters out of range. */
class BasketStageChecksTest {

  /** An empty dataset with these columns: the entry checks read the schema only. */
  @Test
  void frequentTravellersNeedTheTravellersPseudonym() {
    refused("FrequentTravellers needs column traveller_pseudonym in its crossings",
        () -> FrequentTravellers.apply(rows(RECORD_ID, PORT_ID), 6));
  }

  @Test
  void frequentTravellersRefuseTooFewCrossings() {
    refused("FrequentTravellers: min-crossings must be between 2 and 10000, got 1",
        () -> FrequentTravellers.apply(rows(TRAVELLER_PSEUDONYM), 1));
  }

  @Test
  void basketsAreCutFromCrossingsWithTheirVehicle() {
    CoTravelBaskets cutter = new CoTravelBaskets(CoTravelBaskets.Params.of(PipelineConfig.defaults()));
    refused("CoTravelBaskets needs column vehicle_id in its crossings",
        () -> cutter.assign(rows(PORT_ID, DIRECTION, CROSSED_AT, RECORD_ID, TRAVELLER_PSEUDONYM)));
    refused("CoTravelBaskets needs columns basket_id, traveller_pseudonym in its assigned crossings",
        () -> CoTravelBaskets.baskets(rows(PORT_ID, DIRECTION, CROSSED_AT, VEHICLE_ID)));
  }

  @Test
  void basketParametersAreChecked() {
    refused("CoTravelBaskets: basket-minutes must be between 1 and 240, got 0", () -> new CoTravelBaskets.Params(0, 30, 5, 60));
    refused("CoTravelBaskets: vehicle-minutes must be between 0 and 240, got -1",
        () -> new CoTravelBaskets.Params(5, -1, 5, 60));
    refused("CoTravelBaskets: max-basket-minutes must be between 1 and 1440, got 1441",
        () -> new CoTravelBaskets.Params(5, 30, 1441, 60));
    refused("CoTravelBaskets: max-basket-size must be between 2 and 10000, got 1", () -> new CoTravelBaskets.Params(5, 30, 5, 1));
    refused("CoTravelBaskets: params must be given", () -> new CoTravelBaskets(null));
    assertEquals(new CoTravelBaskets.Params(5, 30, 5, 60), CoTravelBaskets.Params.of(PipelineConfig.defaults()));
  }
}
