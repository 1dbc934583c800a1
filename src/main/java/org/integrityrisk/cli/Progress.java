package org.integrityrisk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
    return stage(name, "rows", work);
  }

  /** Runs a stage whose work ends with a count of something else than rows, such as bytes. */
  public long stage(String name, String unit, LongSupplier work) {
    SparkWork.Tally before = sparkWork.get();
    long started = System.nanoTime();
    long rows = work.getAsLong();
    double seconds = (System.nanoTime() - started) / 1e9;
    SparkWork.Tally done = sparkWork.get().since(before);
    stages.add(new StageTiming(name, rows, Math.round(seconds * 1000) / 1000.0, done.jobs(),
        done.shuffleWriteBytes(), done.spillBytes()));
    out.printf(Locale.ROOT, "[integrity-risk] %-28s %,12d %-5s %6.1f s %4d jobs%n", name, rows, unit, seconds,
        done.jobs());
    out.flush();
    return rows;
  }

  /**
   * Runs a stage whose work ends with a small result (a row of counts, say) and reports the
   * rows it names, so that counting for the line costs no job of its own.
   */
  public <T> T stageResult(String name, java.util.function.ToLongFunction<T> rows,
      java.util.function.Supplier<T> work) {
    List<T> result = new ArrayList<>(1);
    stage(name, () -> {
      result.add(work.get());
      return rows.applyAsLong(result.get(0));
    });
    return result.get(0);
  }

  public void note(String message) {
    out.println("[integrity-risk] " + message);
    out.flush();
  }

  public List<StageTiming> stages() {
    return List.copyOf(stages);
  }
}
