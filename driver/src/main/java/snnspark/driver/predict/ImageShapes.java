package snnspark.driver.predict;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import snnspark.datasets.DatasetException;
import snnspark.worker.description.InputShape;
import snnspark.worker.spark.PixelSource;

/**
 * The shape of a table's images where the user gave none: a Spark {@code image} struct's own, or a
 * square grey image of a flat image's values.
 */
public final class ImageShapes {
  private ImageShapes() {}

  /**
   * The shape of the Parquet or CSV table's images: {@code given} where not null, else a square
   * grey image of the first row's values' count ({@link #squareGrey}).
   */
  public static InputShape tableShape(SourceTable table, TableColumns columns, InputShape given) {
    if (given != null) {
      return given;
    }
    String uri = table.uri();
    Dataset<Row> raw = table.rows();
    if (table.format() == InputFormat.CSV
        && !Arrays.asList(raw.columns()).contains(columns.features())) {
      return squareGrey(uri, ImageColumns.pixelFields(uri, raw, columns).size());
    }
    return shapeOf(uri, raw, columns.features());
  }

  /**
   * The shape of the images in column {@code name} of {@code rows}, from the first row that has
   * one: a Spark {@code image} struct's own height, width and channels (1 grey, else 3, RGB), or a
   * square grey image of a flat image's values' count.
   */
  public static InputShape shapeOf(String source, Dataset<Row> rows, String name) {
    StructField features = ImageColumns.field(source, rows.schema(), name);
    PixelSource.Kind kind = ImageColumns.kind(source, features);
    List<Row> first = rows.select(col(name)).na().drop().limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new DatasetException(source, "no rows with an image in column " + name);
    }
    Object value = first.get(0).get(0);
    return switch (kind) {
      case SPARK_IMAGE -> sparkImageShape(source, name, (Row) value);
      case FLOAT_ARRAY, INTEGER_ARRAY -> squareGrey(source, first.get(0).getList(0).size());
      case VECTOR -> squareGrey(source, ((org.apache.spark.ml.linalg.Vector) value).size());
      case BYTES -> squareGrey(source, ((byte[]) value).length);
      case TEXT -> squareGrey(source, PixelSource.textValues((String) value).length);
      default -> throw new IllegalStateException("no image column of kind " + kind);
    };
  }

  /**
   * The shape of a Spark {@code image} struct; fails, naming {@code source} and {@code column}, on
   * one that is not a decoded image (Spark's image source marks a file it could not decode with
   * height and width -1).
   */
  private static InputShape sparkImageShape(String source, String column, Row image) {
    try {
      int channels = image.getInt(image.fieldIndex("nChannels"));
      return new InputShape(
          image.getInt(image.fieldIndex("height")),
          image.getInt(image.fieldIndex("width")),
          channels == 1 ? 1 : 3);
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          source,
          "column " + column + ": its first image is not a decoded image: " + e.getMessage(),
          e);
    }
  }

  /**
   * A square grey image of {@code values} values; fails on any other count, which alone cannot tell
   * 32x32x3 from 48x64x1.
   */
  public static InputShape squareGrey(String source, int values) {
    int side = (int) Math.round(Math.sqrt(values));
    if (values < 1 || side * side != values) {
      throw new DatasetException(
          source,
          "images of "
              + values
              + " values, not a square grey image: give the image shape (height x width x"
              + " channels)");
    }
    return new InputShape(side, side, 1);
  }
}
