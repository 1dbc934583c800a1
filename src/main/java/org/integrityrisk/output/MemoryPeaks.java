package org.integrityrisk.output;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver JVM's memory high-water marks for the manifest: the largest heap in use seen by
 * a sampler every 100 ms, and the peak resident set the kernel recorded (Linux), so that a
 * benchmark needs no tool outside the run to report them.
 */
public final class MemoryPeaks implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 100;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  public MemoryPeaks() {
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "integrity-risk-memory-peaks");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    peakHeap.accumulateAndGet(used, Math::max);
  }

  /** heap_max_bytes, peak_heap_used_bytes and, on Linux, peak_rss_bytes. */
  public Map<String, Long> snapshot() {
    sample();
    Map<String, Long> peaks = new LinkedHashMap<>();
    peaks.put("heap_max_bytes", memory.getHeapMemoryUsage().getMax());
    peaks.put("peak_heap_used_bytes", peakHeap.get());
    peakResidentBytes().ifPresent(rss -> peaks.put("peak_rss_bytes", rss));
    return peaks;
  }

  /** VmHWM of /proc/self/status, the kernel's record of the largest resident set. */
  static java.util.Optional<Long> peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
          return java.util.Optional.of(Long.parseLong(kb) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the manifest simply has no RSS figure.
    }
    return java.util.Optional.empty();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
