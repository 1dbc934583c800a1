package org.integrityrisk.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackFileTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("decisions.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsQuotedNotesWithCommasQuotesAndLineBreaks() throws IOException {
    List<FeedbackFile.Entry> entries = FeedbackFile.read(file("finding_id,decision,date,note\r\n"
        + "F-0000000000000001,dismissed,2026-04-09,\"swap, \"\"late\"\"\nroster fixed\"\r\n"
        + "F-0000000000000002, Confirmed ,2026-04-10,\r\n"));
    assertEquals(2, entries.size());
    assertEquals(new FeedbackFile.Entry("F-0000000000000001", Decision.DISMISSED, LocalDate.parse("2026-04-09"),
        "swap, \"late\"\nroster fixed", entries.get(0).source(), 1), entries.get(0));
    assertEquals(Decision.CONFIRMED, entries.get(1).decision());
    assertEquals("", entries.get(1).note());
    assertEquals(2, entries.get(1).row());
  }

  /** The parser would read an unclosed quote to the end of the file and store the rest as one note. */
  @Test
  void anUnclosedQuoteAtTheEndIsRefusedWithItsLine() throws IOException {
    Path unclosed = file("finding_id,decision,date,note\n"
        + "F-0000000000000001,dismissed,2026-04-09,fine\n"
        + "F-0000000000000002,confirmed,2026-04-09,\"footage shows\n"
        + "F-0000000000000003,dismissed,2026-04-10,never read as a row\n");
    FeedbackFile.InvalidException e = org.junit.jupiter.api.Assertions.assertThrows(
        FeedbackFile.InvalidException.class, () -> FeedbackFile.read(unclosed));
    assertEquals("feedback file " + unclosed + ": the quoted field opened on line 3 is not closed before the end "
        + "of the file; no decision was applied", e.getMessage());
  }

  @Test
  void columnsAreFoundByNameAndNoteIsOptional() throws IOException {
    List<FeedbackFile.Entry> entries = FeedbackFile.read(file("date,finding_id,decision\n2026-04-09,G-00000000000000aa,under_review\n"));
    assertEquals(Decision.UNDER_REVIEW, entries.get(0).decision());
  }

  @Test
  void everyBadRowIsNamedWithItsFieldAndNothingIsApplied() throws IOException {
    Path f = file("finding_id,decision,date,note\nF-0000000000000001,dismissed,2026-04-09,ok\n"
        + "F-0000000000000002,maybe,2026-04-09,\n,confirmed,2026-04-09,\nF-0000000000000004,confirmed,09/04/2026,\n"
        + "F-0000000000000005,dismissed,2026-04-09,swap, roster fixed\nOF-NB-030,dismissed,2026-04-09,\n");
    FeedbackFile.InvalidException e = assertThrows(FeedbackFile.InvalidException.class, () -> FeedbackFile.read(f));
    String m = e.getMessage();
    assertTrue(m.startsWith("5 problem(s) in the feedback file; no decision was applied"), m);
    assertTrue(m.contains(f + ", row 2 (line 3), field decision: 'maybe' is not one of confirmed, dismissed, under_review"), m);
    assertTrue(m.contains("row 3 (line 4), field finding_id: missing"), m);
    assertTrue(m.contains("row 4 (line 5), field date: '09/04/2026' is not a date of the form YYYY-MM-DD"), m);
    assertTrue(m.contains("row 5 (line 6): 5 fields but the header has 4; quote a note that holds a comma"), m);
    assertTrue(m.contains("row 6 (line 7), field finding_id: 'OF-NB-030' is not a finding id"), m);
  }

  @Test
  void aMissingColumnOrFileIsNamed() throws IOException {
    Path f = file("finding,decision,date\nF-0000000000000001,dismissed,2026-04-09\n");
    String m = assertThrows(FeedbackFile.InvalidException.class, () -> FeedbackFile.read(f)).getMessage();
    assertTrue(m.contains("has no column 'finding_id'"), m);
    Path missing = dir.resolve("none.csv");
    assertTrue(assertThrows(FeedbackFile.InvalidException.class, () -> FeedbackFile.read(missing)).getMessage()
        .contains(missing + " does not exist"));
    Path empty = file("");
    assertTrue(assertThrows(FeedbackFile.InvalidException.class, () -> FeedbackFile.read(empty)).getMessage()
        .contains("is empty"));
  }
}
