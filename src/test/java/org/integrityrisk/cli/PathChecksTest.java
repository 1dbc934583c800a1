package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's paths are checked before Spark starts, each problem one line naming the path. */
class PathChecksTest {
  @TempDir Path dir;

  private static String problem(Runnable check) {
    return assertThrows(UsageException.class, check::run).getMessage();
  }

  @Test
  void aMissingInputIsNamedWithItsOption() {
    String missing = dir.resolve("clearances.csv").toString();
    assertEquals("--clearances " + missing + ": no such file or folder",
        problem(() -> PathChecks.input("clearances", missing)));
  }

  /** Root reads every file whatever its mode, so this one is seen only as another user. */
  @Test
  void aFileItsUserCannotReadIsNamed() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root can read a file of any mode");
    Path secret = Files.writeString(dir.resolve("rosters.csv"), "shift_id\n");
    Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    assertEquals("--rosters " + secret + ": cannot be read (no read permission)",
        problem(() -> PathChecks.input("rosters", secret.toString())));
  }

  @Test
  void anEmptyFolderIsNoInput() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("rosters"));
    assertEquals("--rosters " + empty + ": the folder is empty", problem(() -> PathChecks.input("rosters",
        empty.toString())));
  }

  @Test
  void databaseAndCatalogUrlsAreNamedNotThrownFromUri() {
    String url = "jdbc:mysql://db:3306/customs?table=clearances";
    assertEquals("--clearances " + url + ": only PostgreSQL databases can be read "
        + "(jdbc:postgresql://HOST:PORT/DB?table=SCHEMA.TABLE)", problem(() -> PathChecks.input("clearances", url)));
    assertDoesNotThrow(() -> PathChecks.input("clearances", "jdbc:postgresql://db:5432/customs?table=public.c"));
    assertDoesNotThrow(() -> PathChecks.input("clearances", "table:customs.clearances"), "left to Spark's catalog");
  }

  @Test
  void otherFileSystemsAreLeftToSparkAndFileUrlsAreChecked() throws Exception {
    assertDoesNotThrow(() -> PathChecks.input("clearances", "hdfs://namenode/customs/clearances"));
    Path file = Files.writeString(dir.resolve("c.csv"), "record_id\n");
    assertDoesNotThrow(() -> PathChecks.input("clearances", file.toUri().toString()));
    assertEquals("--clearances " + dir.resolve("x.csv").toUri() + ": no such file or folder",
        problem(() -> PathChecks.input("clearances", dir.resolve("x.csv").toUri().toString())));
  }

  @Test
  void anOutputThatIsAFileOrUnderOneIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("findings"), "not a folder");
    assertEquals("--output " + file + ": is a file, not a folder", problem(() -> PathChecks.output(file.toString())));
    String under = file.resolve("nightly").toString();
    assertEquals("--output " + under + ": " + file + " is a file, not a folder",
        problem(() -> PathChecks.output(under)));
    assertDoesNotThrow(() -> PathChecks.output(dir.resolve("new/findings").toString()), "created by the run");
  }
}
