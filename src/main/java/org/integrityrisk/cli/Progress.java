package org.integrityrisk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.integrityrisk.output.StageTiming;

/** Times each stage and tells the user about it on one line: stage, rows, seconds. */
public final class Progress {
  private final PrintStream out;
  private final List<StageTiming> stages = new ArrayList<>();

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** Runs a stage whose work ends with a row count, and reports it. */
  public long stage(String name, LongSupplier work) {
    return stage(name, "rows", work);
  }

  /** Runs a stage whose work ends with a count of something else than rows, such as bytes. */
  public long stage(String name, String unit, LongSupplier work) {
    long started = System.nanoTime();
    long rows = work.getAsLong();
    double seconds = (System.nanoTime() - started) / 1e9;
    stages.add(new StageTiming(name, rows, Math.round(seconds * 1000) / 1000.0));
    out.printf(Locale.ROOT, "[integrity-risk] %-28s %,12d %-5s %6.1f s%n", name, rows, unit, seconds);
    out.flush();
    return rows;
  }

  public void note(String message) {
    out.println("[integrity-risk] " + message);
    out.flush();
  }

  public List<StageTiming> stages() {
    return List.copyOf(stages);
  }
}
