package snnspark.driver.predict;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import snnspark.worker.spark.PixelSource;

/**
 * An image table in the one layout scoring reads: column 0 the id (a string), column 1 the label
 * (an integer, null where unknown), then the image in the columns {@link #pixels} names.
 *
 * @param rows the table
 * @param pixels where and how each row keeps its image
 * @param labelled whether the input had a label column
 */
public record ImageTable(Dataset<Row> rows, PixelSource pixels, boolean labelled) {
  /** Name and index of the id column. */
  public static final String ID = "id";

  /** Name of the label column. */
  public static final String LABEL = "label";

  /** Index of the id column. */
  public static final int ID_COLUMN = 0;

  /** Index of the label column. */
  public static final int LABEL_COLUMN = 1;

  /** Index of the first pixel column. */
  public static final int PIXEL_COLUMN = 2;
}
