package org.integrityrisk.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A value for every parameter of {@link Parameters}, immutable. Start from
 * {@link #defaults()} and change values with {@link #with}; {@link #validate()} reports
 * values out of their range. As JSON (in manifest.json) it is one object of the
 * parameters' keys and values in {@link Parameters#all()} order.
 */
@JsonSerialize(using = PipelineConfig.AsJson.class)
public final class PipelineConfig {
  private static final PipelineConfig DEFAULTS = new PipelineConfig(Parameters.all().stream()
      .collect(Collectors.toMap(p -> p, Param::defaultValue, (a, b) -> a, LinkedHashMap::new)));

  private final Map<Param<?>, Object> values;

  private PipelineConfig(Map<Param<?>, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static PipelineConfig defaults() {
    return DEFAULTS;
  }

  public <T> T get(Param<T> param) {
    return param.type().cast(values.get(known(param)));
  }

  /**
   * This configuration with one value changed. The value is not range-checked here so that
   * a loader can report every problem at once; see {@link #validate()}.
   */
  public <T> PipelineConfig with(Param<T> param, T value) {
    Objects.requireNonNull(value, () -> "value of " + param.key());
    Map<Param<?>, Object> changed = new LinkedHashMap<>(values);
    changed.put(known(param), param.type().cast(value));
    return new PipelineConfig(changed);
  }

  /** Range checks, each naming its key; empty when the config is usable. */
  public List<String> validate() {
    List<String> problems = new ArrayList<>();
    for (Param<?> param : Parameters.all()) {
      problem(param).ifPresent(problems::add);
    }
    return problems;
  }

  private <T> Optional<String> problem(Param<T> param) {
    return param.problem(get(param));
  }

  private Param<?> known(Param<?> param) {
    if (!values.containsKey(param)) {
      throw new IllegalArgumentException("parameter " + param.key() + " is not in Parameters.all()");
    }
    return param;
  }

  public int lookbackDays() {
    return get(Parameters.LOOKBACK_DAYS);
  }

  /**
   * The days the alignment tests look back over: the longer of alignment-lookback-days and
   * lookback-days. Never shorter than the run window, which would drop the co-crossings the
   * groups were mined on; so the default of 60 still works with a 90-day run window, and 0
   * asks for the run window itself. The inputs may hold fewer days; see
   * {@code ingest.AlignmentWindow}.
   */
  public int alignmentLookbackDays() {
    return Math.max(lookbackDays(), get(Parameters.ALIGNMENT_LOOKBACK_DAYS));
  }

  public double maxRejectRatio() {
    return get(Parameters.MAX_REJECT_RATIO);
  }

  public double maxDuplicateRatio() {
    return get(Parameters.MAX_DUPLICATE_RATIO);
  }

  public int minCrossings() {
    return get(Parameters.MIN_CROSSINGS);
  }

  public int basketMinutes() {
    return get(Parameters.BASKET_MINUTES);
  }

  public int vehicleMinutes() {
    return get(Parameters.VEHICLE_MINUTES);
  }

  public int minSupport() {
    return get(Parameters.MIN_SUPPORT);
  }

  public int tripHours() {
    return get(Parameters.TRIP_HOURS);
  }

  public double fdrLevel() {
    return get(Parameters.FDR_LEVEL);
  }

  public boolean keepWeekdayType() {
    return get(Parameters.KEEP_WEEKDAY_TYPE);
  }

  public int maxBasketMinutes() {
    return get(Parameters.MAX_BASKET_MINUTES);
  }

  public int maxBasketSize() {
    return get(Parameters.MAX_BASKET_SIZE);
  }

  public int largeGroupSize() {
    return get(Parameters.LARGE_GROUP_SIZE);
  }

  public double largeGroupJaccard() {
    return get(Parameters.LARGE_GROUP_JACCARD);
  }

  public double coTravelMaxP() {
    return get(Parameters.CO_TRAVEL_MAX_P);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PipelineConfig that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey().key() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "PipelineConfig[", "]"));
  }

  // A hand-written serializer rather than a Map: manifest.json sorts map entries by key,
  // and its parameters have always been in declaration order.
  static final class AsJson extends StdSerializer<PipelineConfig> {
    private static final long serialVersionUID = 1L;

    AsJson() {
      super(PipelineConfig.class);
    }

    @Override
    public void serialize(PipelineConfig config, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      json.writeStartObject();
      for (Map.Entry<Param<?>, Object> value : config.values.entrySet()) {
        provider.defaultSerializeField(value.getKey().key(), value.getValue(), json);
      }
      json.writeEndObject();
    }
  }
}
