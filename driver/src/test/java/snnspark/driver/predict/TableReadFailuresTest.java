package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.execution.datasources.SchemaColumnConvertNotSupportedException;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;

/** A job over a table failing on the table's content is the user's one line about the table. */
class TableReadFailuresTest {
  private static final String TABLE = "/data/train.csv";

  @Test
  void aMalformedRecordNamesTheTableAndIsCutShort() {
    String row = "1,2,3,".repeat(100);
    SparkException failed =
        new SparkException(
            "Job aborted due to stage failure",
            new SparkException(
                "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected",
                new IllegalStateException("[MALFORMED_CSV_RECORD] Malformed CSV record: " + row)));
    RuntimeException shown = TableReadFailures.userFacing(failed, TABLE);
    assertTrue(shown instanceof DatasetException, shown.toString());
    String expected = TABLE + ": cannot read: [MALFORMED_CSV_RECORD] Malformed CSV record: ";
    assertTrue(shown.getMessage().startsWith(expected), shown.getMessage());
    assertTrue(shown.getMessage().endsWith("..."), shown.getMessage());
    assertEquals(
        TABLE.length() + ": cannot read: ".length() + SparkSources.REASON_LENGTH + 3,
        shown.getMessage().length());
  }

  /** What Spark's readers throw for a table's content, each blamed on the table in training. */
  @Test
  void truncatedFilesAndColumnsOfAnotherTypeAreTheTables() {
    List<Throwable> refusals =
        List.of(
            new RuntimeException(
                "file:/data/t.parquet/part-1.parquet is not a Parquet file. Expected magic number"
                    + " at tail, but found [24, 4, 0, 0]"),
            new SparkException(
                "Parquet column cannot be converted in file file:///data/t.parquet/part-1.parquet."
                    + " Column: [label], Expected: int, Found: INT64.",
                new SchemaColumnConvertNotSupportedException("[label]", "INT64", "int")),
            new java.io.EOFException("Unexpected end of input stream"));
    for (Throwable refusal : refusals) {
      DatasetException shown =
          assertThrows(
              DatasetException.class,
              () ->
                  TableReadFailures.decoding(
                      TABLE,
                      () -> {
                        throw new IllegalStateException("Job aborted", refusal);
                      }));
      assertTrue(shown.getMessage().startsWith(TABLE + ": cannot read: "), shown.getMessage());
      assertTrue(
          shown.getMessage().contains("part-1.parquet") || refusal instanceof java.io.EOFException,
          shown.getMessage());
    }
  }

  @Test
  void theProjectsOwnErrorPassesAsItIs() {
    DatasetException bad = new DatasetException(TABLE, "row 3, column pixel4 is empty");
    assertSame(bad, TableReadFailures.userFacing(new SparkException("failed", bad), TABLE));
  }

  @Test
  void otherFailuresAreNotBlamedOnTheTable() {
    IllegalStateException boom = new IllegalStateException("out of something");
    assertSame(
        boom,
        assertThrows(
            IllegalStateException.class,
            () ->
                TableReadFailures.reading(
                    TABLE,
                    () -> {
                      throw boom;
                    })));
  }

  @Test
  void aTrainingBlamesTheTableOnlyForMalformedContent() {
    IllegalStateException io = new IllegalStateException(new java.io.IOException("shuffle lost"));
    assertSame(
        io,
        assertThrows(
            IllegalStateException.class,
            () ->
                TableReadFailures.decoding(
                    TABLE,
                    () -> {
                      throw io;
                    })));
    DatasetException shown =
        assertThrows(
            DatasetException.class,
            () ->
                TableReadFailures.decoding(
                    TABLE,
                    () -> {
                      throw new IllegalStateException(
                          "org.apache.parquet.io.ParquetDecodingException: Can not read value");
                    }));
    assertTrue(shown.getMessage().startsWith(TABLE + ": cannot read: "), shown.getMessage());
  }

  @Test
  void malformedContentIsToldFromOtherFailures() {
    assertTrue(TableReadFailures.reportsMalformed("Lost task 0.0: Malformed records are detected"));
    assertTrue(
        TableReadFailures.isMalformed(
            new IllegalStateException("[MALFORMED_CSV_RECORD] Malformed CSV record: 1,2")));
    assertFalse(TableReadFailures.isMalformed(new IllegalStateException("out of memory")));
  }
}
