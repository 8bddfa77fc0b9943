package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.UserException;

/** A failed scoring job is blamed on the input or the output as Spark's own failure says. */
class PredictionJobFailuresTest {
  private static final String IN = "/data/in.parquet";
  private static final String OUT = "/data/predictions";

  @Test
  void aFailedWriteNamesTheOutput() {
    SparkException failed =
        new SparkException(
            "Job aborted due to stage failure",
            new SparkException(
                "[TASK_WRITE_FAILED] Task failed while writing rows to file:/data/.predictions.tmp",
                new IOException("No space left on device")));
    RuntimeException shown = PredictionJob.userFacing(failed, IN, OUT);
    assertInstanceOf(UserException.class, shown);
    assertEquals(OUT + ": cannot write: No space left on device", shown.getMessage());
  }

  /** A write task reads its rows too: a malformed row fails it, and is the input's fault. */
  @Test
  void aWriteTaskFailedOnAMalformedRowNamesTheInput() {
    SparkException failed =
        new SparkException(
            "Job aborted due to stage failure",
            new SparkException(
                "[TASK_WRITE_FAILED] Task failed while writing rows to file:/data/.predictions.tmp",
                new IllegalStateException("[MALFORMED_CSV_RECORD] Malformed CSV record: 1,0,0")));
    RuntimeException shown = PredictionJob.userFacing(failed, IN, OUT);
    assertInstanceOf(DatasetException.class, shown);
    assertEquals(
        IN + ": cannot read: [MALFORMED_CSV_RECORD] Malformed CSV record: 1,0,0",
        shown.getMessage());
  }

  @Test
  void aFailedReadNamesTheInput() {
    SparkException failed =
        new SparkException(
            "Job aborted due to stage failure",
            new IOException("Could not read footer for file: file:/data/in.parquet/part-0"));
    RuntimeException shown = PredictionJob.userFacing(failed, IN, OUT);
    assertInstanceOf(DatasetException.class, shown);
    assertEquals(
        IN + ": cannot read: Could not read footer for file: file:/data/in.parquet/part-0",
        shown.getMessage());
  }

  @Test
  void theInputsOwnErrorIsShownAsItIs() {
    DatasetException bad = new DatasetException(IN, "row 3: value 1 is 300, outside 0-255");
    assertSame(bad, PredictionJob.userFacing(new SparkException("failed", bad), IN, OUT));
  }
}
