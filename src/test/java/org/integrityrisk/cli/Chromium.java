package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, with no network and its own profile folder, as the report tests open pages. */
final class Chromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  /**
   * Runs Chromium once with the given arguments ({@code --dump-dom URL}, {@code --screenshot=PNG URL}).
   *
   * @param work where the profile and the captured output go
   * @return what Chromium printed (the DOM, for {@code --dump-dom})
   */
  static String run(Path work, String... args) throws Exception {
    assertTrue(Files.isExecutable(BINARY), "Debian's chromium is needed for this test (.ci/run installs it)");
    Path profile = Files.createTempDirectory(work, "chromium");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 2 minutes: " + Files.readString(err));
    }
    assertEquals(0, process.exitValue(), "chromium failed: " + Files.readString(err));
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
