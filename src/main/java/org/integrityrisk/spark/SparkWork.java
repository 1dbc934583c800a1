package org.integrityrisk.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.SparkSession;

/**
 * Where a run's time goes, from Spark's own listener: how many jobs, stages and tasks it
 * ran and how long at least one job was running, set against the process's whole life.
 * On a small input most of a run is fixed cost (the JVM, the session, planning and
 * launching jobs), and this is what shows it; nothing here starts a job of its own.
 *
 * <p>Spark delivers listener events on its own thread, a few milliseconds late, so a count
 * read right after an action may miss that action's last job; {@link #settled} waits for the
 * jobs already started to end before the manifest's figures are taken.
 */
public final class SparkWork extends SparkListener {
  private final Instant processStart;
  private final long mainEntered = System.nanoTime();
  private long sessionReady;
  private long jobs;
  private long jobsEnded;
  private long stages;
  private long tasks;
  private long shuffleWriteBytes;
  private long spillBytes;
  private int running;
  private long busySince;
  private long busyNanos;

  /** Starts the clock at the program's entry; the JVM's own start is read from the process. */
  public SparkWork() {
    this.processStart = ProcessHandle.current().info().startInstant().orElse(null);
  }

  /** Listens to the session's jobs from now on, and notes how long the session took to start. */
  public synchronized SparkWork attach(SparkSession spark) {
    sessionReady = System.nanoTime();
    spark.sparkContext().addSparkListener(this);
    return this;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    jobs++;
    if (running++ == 0) {
      busySince = System.nanoTime();
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd jobEnd) {
    jobsEnded++;
    if (--running == 0) {
      busyNanos += System.nanoTime() - busySince;
    }
    notifyAll();
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    stages++;
    tasks += stageCompleted.stageInfo().numTasks();
    // A stage that was skipped (its shuffle output reused) has no metrics.
    org.apache.spark.executor.TaskMetrics metrics = stageCompleted.stageInfo().taskMetrics();
    if (metrics != null) {
      shuffleWriteBytes += metrics.shuffleWriteMetrics().bytesWritten();
      spillBytes += metrics.diskBytesSpilled();
    }
  }

  /**
   * The running totals a stage's line and timing take their differences from, once the jobs
   * already started have ended (stage metrics arrive with their stage's end, just before
   * their job's).
   */
  public synchronized Tally tally() {
    settled(Duration.ofSeconds(2));
    return new Tally(jobs, shuffleWriteBytes, spillBytes);
  }

  /**
   * Running totals of Spark's work: jobs started, bytes written to shuffle files (what a
   * cluster would move over the network) and bytes spilled to disk (work that did not fit
   * in memory).
   */
  public record Tally(long jobs, long shuffleWriteBytes, long spillBytes) {
    public static final Tally NONE = new Tally(0, 0, 0);

    public Tally since(Tally before) {
      return new Tally(jobs - before.jobs, shuffleWriteBytes - before.shuffleWriteBytes,
          spillBytes - before.spillBytes);
    }
  }

  /** Waits (at most the given time) until every job whose start was seen has ended. */
  public synchronized SparkWork settled(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (jobsEnded < jobs) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return this;
  }

  /** The figures so far; seconds outside Spark are the program's whole time less the time in jobs. */
  public synchronized Summary summary() {
    long now = System.nanoTime();
    long inJobs = busyNanos + (running > 0 ? now - busySince : 0);
    double jvmStart = processStart == null ? 0
        : Math.max(0, Duration.between(processStart, Instant.now()).toNanos() - (now - mainEntered)) / 1e9;
    double sessionStart = sessionReady == 0 ? 0 : (sessionReady - mainEntered) / 1e9;
    double sinceMain = (now - mainEntered) / 1e9;
    return new Summary(jobs, stages, tasks, round(jvmStart), round(sessionStart), round(inJobs / 1e9),
        round(sinceMain - sessionStart - inJobs / 1e9), round(jvmStart + sinceMain), shuffleWriteBytes, spillBytes);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  /**
   * The manifest's {@code spark_work}.
   *
   * @param jvmStartSeconds from the process's start to the program's entry (JVM start, class loading)
   * @param sessionStartSeconds from the program's entry until the Spark session was ready
   * @param secondsInJobs time during which at least one Spark job ran
   * @param driverSeconds the rest after the session started: planning, driver-side work, waiting on files
   * @param processSeconds the process's life until the figures were taken
   * @param shuffleWriteBytes bytes written to shuffle files by every stage
   * @param spillBytes bytes spilled to disk by every stage
   */
  public record Summary(
      @JsonProperty("jobs") long jobs,
      @JsonProperty("stages") long stages,
      @JsonProperty("tasks") long tasks,
      @JsonProperty("jvm_start_seconds") double jvmStartSeconds,
      @JsonProperty("session_start_seconds") double sessionStartSeconds,
      @JsonProperty("seconds_in_jobs") double secondsInJobs,
      @JsonProperty("driver_seconds_outside_jobs") double driverSeconds,
      @JsonProperty("process_seconds") double processSeconds,
      @JsonProperty("shuffle_write_bytes") long shuffleWriteBytes,
      @JsonProperty("spill_bytes") long spillBytes) {}
}
