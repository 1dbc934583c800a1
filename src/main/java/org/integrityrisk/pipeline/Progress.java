package org.integrityrisk.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.integrityrisk.spark.SparkWork;
import org.integrityrisk.output.StageTiming;

/**
 * Times each stage and tells the user about it on one line: stage, rows, seconds and the
 * Spark jobs it started. The rows come from the stage's own work; reporting them never
 * starts a job.
 */
public final class Progress {
  private final PrintStream out;
  private final Supplier<SparkWork.Tally> sparkWork;
  private final List<StageTiming> stages = new ArrayList<>();

  /** Progress without Spark (commands that run no jobs); every stage reports 0 jobs. */
  public Progress(PrintStream out) {
    this(out, () -> SparkWork.Tally.NONE);
  }

  /** @param sparkWork Spark's running totals (jobs started, shuffle and spill bytes) */
  public Progress(PrintStream out, Supplier<SparkWork.Tally> sparkWork) {
    this.out = out;
    this.sparkWork = sparkWork;
  }

  /** Runs a stage whose work ends with a row count, and reports it. */
  public long stage(String name, LongSupplier work) {
    return stage(name, "rows", work::getAsLong, Long::longValue);
  }

  /**
   * Runs a stage and reports it with the count its result names (rows, or bytes, or the
   * baskets of a row of counts), so that counting for the line costs no job of its own.
   *
   * @param unit what the count counts, as the line should say it
   * @param count reads the count from the stage's result; it must not start Spark work
   */
  public <T> T stage(String name, String unit, Supplier<T> work, ToLongFunction<? super T> count) {
    SparkWork.Tally before = sparkWork.get();
    long started = System.nanoTime();
    T result = work.get();
    long counted = count.applyAsLong(result);
    double seconds = (System.nanoTime() - started) / 1e9;
    SparkWork.Tally done = sparkWork.get().since(before);
    stages.add(new StageTiming(name, counted, Math.round(seconds * 1000) / 1000.0, done.jobs(),
        done.shuffleWriteBytes(), done.spillBytes()));
    out.printf(Locale.ROOT, "[integrity-risk] %-28s %,12d %-5s %6.1f s %4d jobs%n", name, counted, unit, seconds,
        done.jobs());
    out.flush();
    return result;
  }

  public void note(String message) {
    out.println("[integrity-risk] " + message);
    out.flush();
  }

  public List<StageTiming> stages() {
    return List.copyOf(stages);
  }
}
