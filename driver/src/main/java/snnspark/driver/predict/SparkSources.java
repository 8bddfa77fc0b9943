package snnspark.driver.predict;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import snnspark.datasets.DatasetException;

/**
 * Spark's data-source reads of an input table, each failure turned into one line about the input.
 */
final class SparkSources {
  /** The longest reason from Spark shown in a user's one line. */
  static final int REASON_LENGTH = 240;

  private SparkSources() {}

  /** A data source's read. */
  interface Load {
    Dataset<Row> run();
  }

  /** Runs {@code load}, a read of {@code uri} as {@code what}; fails in one line naming it. */
  static Dataset<Row> load(String uri, String what, Load load) {
    try {
      return load.run();
    } catch (Exception e) { // including Spark's SparkException, checked but undeclared
      throw new DatasetException(uri, "not a readable " + what + " input: " + firstLine(e), e);
    }
  }

  /**
   * The first line of the deepest message, which names the real problem, cut after {@value
   * #REASON_LENGTH} characters (a malformed CSV record quotes its whole row).
   */
  static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return reason(root);
  }

  /** The first line of {@code t}'s own message, cut as {@link #firstLine} cuts it. */
  static String reason(Throwable t) {
    String message = String.valueOf(t.getMessage());
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() <= REASON_LENGTH ? line : line.substring(0, REASON_LENGTH) + "...";
  }

  static Dataset<Row> parquet(SparkSession session, String uri) {
    return load(uri, "Parquet", () -> session.read().parquet(uri));
  }

  static Dataset<Row> csv(SparkSession session, String uri) {
    return load(
        uri,
        "CSV",
        () ->
            session
                .read()
                .option("header", "true")
                .option("inferSchema", "true")
                .option("mode", "FAILFAST")
                .csv(uri));
  }

  /** The PNG and JPEG files of a folder and its subfolders, with their paths and bytes. */
  static Dataset<Row> imageFiles(SparkSession session, String uri) {
    return load(
        uri,
        "image",
        () ->
            session
                .read()
                .format("binaryFile")
                .option("pathGlobFilter", ClassFolders.IMAGE_GLOB)
                .option("recursiveFileLookup", "true")
                .load(uri));
  }
}
