package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Plants the optional patterns the options ask for. Each draws from random streams and
 * numbers its people from an identifier base of its own, so none of them changes what the
 * standard scenario or another pattern generates.
 */
final class ScenarioExtras {
  /**
   * What the patterns planted.
   *
   * @param crossings their crossings, all in memory (a few thousand at most)
   * @param innocentGroups the shuttle's riders, the weekly coach's crew and the crowd's groups
   * @param queueBurst the queue burst, or null
   * @param clearingRing the ring of the colluder seen only in the clearing columns, or null
   */
  record Planted(List<Crossing> crossings, List<PlantedGroup> innocentGroups, QueueBurst.Summary queueBurst,
      PlantedGroup clearingRing) {}

  private ScenarioExtras() {}

  /**
   * @param ringsSoFar how many rings are planted already, so the clearing colluder's ring is numbered after them
   */
  static Planted plant(GeneratorOptions.Extras extras, GeneratorOptions.Rings rings, ScenarioWindow window,
      PortPlan ports, Identifiers ids, TravelDetails details, RandomStreams streams, Roster roster, CollusionPlan plan,
      int ringsSoFar, double scale) {
    List<Crossing> crossings = new ArrayList<>();
    List<PlantedGroup> innocent = new ArrayList<>();
    if (extras.shuttle()) {
      innocent.add(new ShuttleBus(window, ports, ids, details, streams.stream("shuttle")).plant(crossings));
    }
    QueueBurst.Summary burst = null;
    if (extras.queueBurst()) {
      burst = new QueueBurst(window, ports, ids, details, streams.stream("queue-burst")).plant(crossings);
    }
    if (extras.weeklyCoach()) {
      innocent.add(new WeeklyCoach(window, ports, ids, details, streams.stream("weekly-coach")).plant(crossings));
    }
    PlantedGroup clearingRing = null;
    // A null scenario has no colluder to clear a ring: clearing data is recorded, nobody colludes.
    if (extras.clearingOfficers() && rings.colluding()) {
      StringBuilder ringId = new StringBuilder("RING-");
      Timestamps.appendDigits(ringId, ringsSoFar + 1L, 2);
      clearingRing = new ClearingColluder(window, ports, ids, details, streams.stream("clearing-colluder"), rings,
          streams.stream("clearing-colluder-sizes"), streams.stream("clearing-colluder-stays"))
          .plant(roster, plan, ringId.toString(), crossings);
    }
    // Last, so every other pattern's rows keep their places among the background.
    innocent.addAll(new CrowdGroups(window, ports, ids, details, streams, scale, extras.crowd()).plant(crossings));
    return new Planted(List.copyOf(crossings), List.copyOf(innocent), burst, clearingRing);
  }
}
