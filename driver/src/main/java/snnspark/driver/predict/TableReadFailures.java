package snnspark.driver.predict;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.ExpectedFailures;

/**
 * A Spark job over a table that fails on the table itself (a malformed CSV row, a corrupt Parquet
 * page, a file it cannot read) as the user's error about that table: one line naming it, where
 * Spark would end the command with its own stack of wrapped exceptions.
 */
public final class TableReadFailures {
  private TableReadFailures() {}

  /**
   * What {@code read}, jobs that only read {@code source}, returns; their failure on the table as a
   * {@link DatasetException} naming {@code source}, any other failure as it is.
   */
  public static <T> T reading(String source, Supplier<T> read) {
    try {
      return read.get();
    } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but undeclared
      throw userFacing(e, source);
    }
  }

  /**
   * What {@code work}, jobs that read {@code source} among other things (a training), returns; a
   * failure on malformed content of the table ({@link #isMalformed}) as a {@link DatasetException}
   * naming {@code source}, any other failure (an I/O error of Spark's own, say) as it is.
   */
  public static <T> T decoding(String source, Supplier<T> work) {
    try {
      return work.get();
    } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but undeclared
      throw blamed(e, source, TableReadFailures::isMalformed);
    }
  }

  /**
   * {@code e}'s expected error if it has one; else, when the table caused it, a {@link
   * DatasetException} naming {@code source} with the first line of Spark's reason; else {@code e}
   * itself, thrown.
   */
  static RuntimeException userFacing(Exception e, String source) {
    return blamed(e, source, t -> t instanceof IOException || isMalformed(t));
  }

  /**
   * {@code e}'s expected error if it has one; else, when a cause is {@code theTables}, a {@link
   * DatasetException} naming {@code source} with the first line of that cause's message; else
   * {@code e} itself, thrown.
   */
  private static RuntimeException blamed(
      Exception e, String source, Predicate<Throwable> theTables) {
    RuntimeException expected = ExpectedFailures.in(e).orElse(null);
    if (expected != null) {
      return expected;
    }
    // The deepest such cause says it best: Spark's wrappers repeat it in longer words, and what
    // lies below it may name no file (a Parquet column of another type names only the column).
    Throwable blamed = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (theTables.test(t)) {
        blamed = t;
      }
    }
    if (blamed != null) {
      return new DatasetException(source, "cannot read: " + SparkSources.reason(blamed), e);
    }
    throw ExpectedFailures.rethrow(e);
  }

  /**
   * What Spark's readers say of a table's content they refuse: a Parquet page they cannot decode, a
   * file that is no Parquet file (a truncated one), a column another part file holds in another
   * type, a CSV record of the wrong shape (Spark's FAILFAST mode), a compressed file cut short.
   */
  private static final List<String> MALFORMED =
      List.of(
          "ParquetDecodingException",
          "is not a Parquet file",
          "Parquet column cannot be converted",
          "MalformedCSVException",
          "Malformed records",
          "MALFORMED_CSV_RECORD",
          "EOFException: Unexpected end of input stream");

  /** Whether {@code t} is a reader's refusal of a table's content ({@link #MALFORMED}). */
  public static boolean isMalformed(Throwable t) {
    return reportsMalformed(t.getClass().getName() + ": " + t.getMessage());
  }

  /**
   * Whether {@code text}, an exception's class and message or the scheduler's "Lost task ... :
   * class: message" line, reports such a refusal.
   */
  public static boolean reportsMalformed(String text) {
    return MALFORMED.stream().anyMatch(text::contains);
  }

  /** Whether {@code e} or one of its causes is a reader's refusal of a table's content. */
  public static boolean causedByMalformed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (isMalformed(t)) {
        return true;
      }
    }
    return false;
  }
}
