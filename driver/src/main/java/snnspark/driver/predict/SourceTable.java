package snnspark.driver.predict;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Parquet table or CSV input as Spark read it, once: a training table's class names, image shape
 * and images all come from this one read, since a CSV's schema inference is a pass over the whole
 * input.
 *
 * @param uri where it was read from, named in every error about it
 * @param format {@link InputFormat#PARQUET} or {@link InputFormat#CSV}
 * @param rows its rows, in the columns Spark found
 */
public record SourceTable(String uri, InputFormat format, Dataset<Row> rows) {
  /** Rejects a format that is not a table's. */
  public SourceTable {
    if (format != InputFormat.PARQUET && format != InputFormat.CSV) {
      throw new IllegalArgumentException("not a table format: " + format);
    }
  }

  /** The table at {@code uri}, read as {@code format}; fails in one line naming it. */
  public static SourceTable read(SparkSession session, String uri, InputFormat format) {
    return new SourceTable(
        uri,
        format,
        format == InputFormat.CSV
            ? SparkSources.csv(session, uri)
            : SparkSources.parquet(session, uri));
  }
}
