package snnspark.worker.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.worker.description.InputShape;

/**
 * Where a row of an image table keeps its pixels and how to read them as the network's inputs:
 * float32 values in [0, 1], {@code channels x rows x cols} per image. Floating values are taken as
 * they are and must lie in [0, 1]; integer values are bytes (0-255) and are scaled by 1/255, as IDX
 * pixels are. Every problem names the source, the row and the column.
 *
 * @param source the input's name (file, folder or URI) for error messages
 * @param kind how the pixels are stored
 * @param column the pixels' column (for {@link Kind#COLUMNS} the first of them)
 * @param columnName the column's name for error messages
 * @param pixelColumns for {@link Kind#COLUMNS}: the pixel columns' names and types; else null
 * @param shape the images the network takes
 */
public record PixelSource(
    String source,
    Kind kind,
    int column,
    String columnName,
    PixelColumns pixelColumns,
    InputShape shape)
    implements Serializable {

  /** How a row stores its image. */
  public enum Kind {
    /** {@code array<float|double>}: values in [0, 1]. */
    FLOAT_ARRAY,
    /** {@code array<byte|short|int|long>}: bytes 0-255. */
    INTEGER_ARRAY,
    /** An ML {@code Vector}: values in [0, 1]. */
    VECTOR,
    /** {@code binary}: unsigned bytes (the IDX layout). */
    BYTES,
    /** A string of space-separated values in [0, 1]. */
    TEXT,
    /** One numeric column per pixel, {@link PixelColumns#integral} telling bytes from [0, 1]. */
    COLUMNS,
    /** A PNG/JPEG file as a struct of its {@code origin} and its bytes, {@code data}. */
    IMAGE,
    /** A row of Spark's {@code image} data source: decoded bytes, BGR(A) or grey. */
    SPARK_IMAGE
  }

  /**
   * The pixel columns of a table with one column per pixel, in image order.
   *
   * @param names each column's name in the input, for messages
   * @param integral which columns hold integers (bytes 0-255) rather than values in [0, 1]
   */
  public record PixelColumns(String[] names, boolean[] integral) implements Serializable {
    /** Checks that every column has a name and a type. */
    public PixelColumns {
      if (names.length != integral.length) {
        throw new IllegalArgumentException(
            names.length + " pixel column names for " + integral.length + " columns");
      }
    }
  }

  /** Values the network takes per image. */
  public int imageSize() {
    return Math.toIntExact(shape.size());
  }

  /** Channels the network takes. */
  public int channels() {
    return shape.channels();
  }

  /** Image height the network takes. */
  public int rows() {
    return shape.height();
  }

  /** Image width the network takes. */
  public int cols() {
    return shape.width();
  }

  /** Reads {@code row}'s image into {@code into[at .. at+imageSize)}; {@code rowName} names it. */
  public void read(Row row, String rowName, float[] into, int at) {
    if (kind != Kind.COLUMNS && row.isNullAt(column)) {
      throw problem(rowName, "has no image (null)");
    }
    switch (kind) {
      case FLOAT_ARRAY -> readFloats(row.getList(column), rowName, into, at);
      case INTEGER_ARRAY -> readIntegers(row.getList(column), rowName, into, at);
      case VECTOR -> readDoubles(((Vector) row.get(column)).toArray(), rowName, into, at);
      case BYTES -> readBytes((byte[]) row.get(column), rowName, into, at);
      case TEXT -> readText(row.getString(column), rowName, into, at);
      case COLUMNS -> readColumns(row, rowName, into, at);
      case IMAGE -> ImageStruct.read(row.getStruct(column), this, into, at);
      case SPARK_IMAGE -> SparkImageStruct.read(row.getStruct(column), this, rowName, into, at);
      default -> throw new IllegalStateException("unknown pixel layout " + kind);
    }
  }

  /** A problem with one row (not its pixels), naming the source and the row. */
  public DatasetException problemWithRow(String rowName, String what) {
    return new DatasetException(source, rowName + ": " + what);
  }

  /** A problem with one row's pixels, naming the source, row and column. */
  public DatasetException problem(String rowName, String what) {
    return new DatasetException(source, rowName + ", column " + columnName + ": " + what);
  }

  /**
   * A problem with value {@code i} of one row's pixels: {@code what} follows where it is, {@code
   * column pixels: value 17} in an array, {@code column pixel17} among pixel columns.
   */
  private DatasetException valueProblem(String rowName, int i, String what) {
    String place =
        kind == Kind.COLUMNS
            ? "column " + pixelColumns.names()[i]
            : "column " + columnName + ": value " + i;
    return new DatasetException(source, rowName + ", " + place + " " + what);
  }

  private void checkLength(int length, String rowName) {
    if (length != imageSize()) {
      throw problem(
          rowName,
          length
              + " values, expected "
              + imageSize()
              + " ("
              + channels()
              + "x"
              + rows()
              + "x"
              + cols()
              + ")");
    }
  }

  private void readFloats(List<Object> values, String rowName, float[] into, int at) {
    checkLength(values.size(), rowName);
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        throw valueProblem(rowName, i, "is null");
      }
      into[at + i] = unit(((Number) v).doubleValue(), i, rowName);
    }
  }

  private void readDoubles(double[] values, String rowName, float[] into, int at) {
    checkLength(values.length, rowName);
    for (int i = 0; i < values.length; i++) {
      into[at + i] = unit(values[i], i, rowName);
    }
  }

  private void readIntegers(List<Object> values, String rowName, float[] into, int at) {
    checkLength(values.size(), rowName);
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        throw valueProblem(rowName, i, "is null");
      }
      into[at + i] = scaledByte(((Number) v).longValue(), i, rowName);
    }
  }

  private void readBytes(byte[] values, String rowName, float[] into, int at) {
    checkLength(values.length, rowName);
    for (int i = 0; i < values.length; i++) {
      into[at + i] = (values[i] & 0xff) * Dataset.PIXEL_SCALE;
    }
  }

  /** A text image's values: numbers separated by whitespace (none in a blank text). */
  public static String[] textValues(String text) {
    return text.isBlank() ? new String[0] : text.strip().split("\\s+");
  }

  private void readText(String text, String rowName, float[] into, int at) {
    String[] values = textValues(text);
    checkLength(values.length, rowName);
    for (int i = 0; i < values.length; i++) {
      double v;
      try {
        v = Double.parseDouble(values[i]);
      } catch (NumberFormatException e) {
        throw valueProblem(rowName, i, "is not a number: '" + values[i] + "'");
      }
      into[at + i] = unit(v, i, rowName);
    }
  }

  private void readColumns(Row row, String rowName, float[] into, int at) {
    for (int i = 0; i < imageSize(); i++) {
      int c = column + i;
      if (row.isNullAt(c)) {
        throw valueProblem(rowName, i, "is empty");
      }
      Number v = (Number) row.get(c);
      into[at + i] =
          pixelColumns.integral()[i]
              ? scaledByte(v.longValue(), i, rowName)
              : unit(v.doubleValue(), i, rowName);
    }
  }

  private float unit(double v, int i, String rowName) {
    if (!(v >= 0 && v <= 1)) {
      throw valueProblem(
          rowName, i, String.format(Locale.ROOT, "is %s, outside [0, 1]", Double.toString(v)));
    }
    return (float) v;
  }

  private float scaledByte(long v, int i, String rowName) {
    if (v < 0 || v > Dataset.MAX_PIXEL) {
      throw valueProblem(rowName, i, "is " + v + ", outside 0-" + Dataset.MAX_PIXEL);
    }
    return v * Dataset.PIXEL_SCALE;
  }
}
