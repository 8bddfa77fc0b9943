package snnspark.driver.predict;

import org.apache.hadoop.conf.Configuration;
import snnspark.worker.description.InputShape;

/**
 * Where images come from: an IDX folder, a Parquet or CSV table, or an image folder (with one
 * subfolder per class where it is labelled).
 *
 * @param uri the file or folder
 * @param format how to read it, or null to tell from its name and contents
 * @param columns the table's column names
 * @param shape the images' shape where a table holds them flat (arrays, vectors, CSV values), or
 *     null: from the images themselves, or a square grey image of the values' count
 */
public record ImageInput(String uri, InputFormat format, TableColumns columns, InputShape shape) {
  /** {@code uri} in the format its name and contents tell, with the default column names. */
  public static ImageInput of(String uri) {
    return new ImageInput(uri, null, TableColumns.DEFAULT, null);
  }

  /** The IDX folder {@code uri}, whatever else it holds. */
  public static ImageInput idx(String uri) {
    return new ImageInput(uri, InputFormat.IDX, TableColumns.DEFAULT, null);
  }

  /** The format given, or else the one {@code uri}'s name and contents tell. */
  public InputFormat formatIn(Configuration conf) {
    return format != null ? format : InputFormat.infer(uri, conf);
  }
}
