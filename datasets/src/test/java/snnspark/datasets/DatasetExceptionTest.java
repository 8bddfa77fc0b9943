package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A problem is one line of text, whatever bytes a file put into it. */
class DatasetExceptionTest {
  @Test
  void controlCharactersAndUndecodableBytesBecomeQuestionMarks() {
    assertEquals(
        "t.csv: column PAR1???x? is string",
        new DatasetException("t.csv", "column PAR1\u0015\n\u0000x\uFFFD is string").getMessage());
  }

  @Test
  void aProblemLongerThanALineIsCut() {
    String message = new DatasetException("t.csv", "x".repeat(2000)).getMessage();
    assertEquals("t.csv: ".length() + DatasetException.MAX_PROBLEM + 3, message.length());
  }
}
