package snnspark.driver.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.UserException;
import snnspark.worker.description.InputShape;
import snnspark.worker.spark.PixelSource;

/**
 * Where a table keeps its images: the column, and how its type holds an image. Checked on the
 * driver from the schema alone, before any row is read.
 */
public final class ImageColumns {
  private ImageColumns() {}

  /**
   * Where the rows of {@code schema} keep their image: column {@code name}, read for {@code
   * input}'s image size; problems are reported against {@code source}.
   */
  public static PixelSource imageColumn(
      String source, StructType schema, String name, InputShape input) {
    int column = schema.fieldIndex(name);
    return new PixelSource(
        source, kind(source, schema.fields()[column]), column, name, null, input);
  }

  /** Column {@code name} of {@code schema}; fails, naming {@code uri} and the columns there are. */
  static StructField field(String uri, StructType schema, String name) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    throw UserException.aboutSettings(
        uri
            + ": no column '"
            + name
            + "' (columns: "
            + String.join(", ", schema.fieldNames())
            + "); name the image column with {featuresCol}");
  }

  /** How a column of this type holds an image; fails, naming {@code uri}, on any other type. */
  static PixelSource.Kind kind(String uri, StructField features) {
    DataType type = features.dataType();
    if (type instanceof ArrayType array) {
      DataType element = array.elementType();
      if (element.equals(DataTypes.FloatType) || element.equals(DataTypes.DoubleType)) {
        return PixelSource.Kind.FLOAT_ARRAY;
      }
      if (element instanceof IntegralType) {
        return PixelSource.Kind.INTEGER_ARRAY;
      }
    } else if (type instanceof StructType struct
        && Arrays.asList(struct.fieldNames()).contains("nChannels")) {
      if (!isSparkImage(struct)) {
        // Written by pandas or pyarrow, its sizes are int64: read as ints they would fail each row.
        throw notAnImageColumn(
            uri,
            features,
            "Spark's image struct has int height, width and nChannels and binary data");
      }
      return PixelSource.Kind.SPARK_IMAGE;
    } else if (type.equals(SQLDataTypes.VectorType())) {
      return PixelSource.Kind.VECTOR;
    } else if (type.equals(DataTypes.StringType)) {
      return PixelSource.Kind.TEXT;
    } else if (type.equals(DataTypes.BinaryType)) {
      return PixelSource.Kind.BYTES;
    }
    throw notAnImageColumn(
        uri,
        features,
        "expected an array of numbers, an ML vector, binary, a string of numbers or Spark's image"
            + " struct");
  }

  /** The refusal of column {@code features} of {@code uri}: its type, then {@code expected}. */
  private static DatasetException notAnImageColumn(
      String uri, StructField features, String expected) {
    return new DatasetException(
        uri,
        "column "
            + features.name()
            + " is "
            + features.dataType().simpleString()
            + "; "
            + expected);
  }

  /** Whether {@code struct} has the fields of Spark's image struct, each of its type. */
  private static boolean isSparkImage(StructType struct) {
    Map<String, DataType> types = new HashMap<>();
    for (StructField field : struct.fields()) {
      types.put(field.name(), field.dataType());
    }
    return DataTypes.IntegerType.equals(types.get("height"))
        && DataTypes.IntegerType.equals(types.get("width"))
        && DataTypes.IntegerType.equals(types.get("nChannels"))
        && DataTypes.BinaryType.equals(types.get("data"));
  }

  /** A CSV's columns of one value per pixel: all but the label and id, each numeric. */
  static List<StructField> pixelFields(String uri, Dataset<Row> raw, TableColumns columns) {
    List<StructField> fields = new ArrayList<>();
    for (StructField field : raw.schema().fields()) {
      if (field.name().equals(columns.label()) || field.name().equals(columns.id())) {
        continue;
      }
      if (!(field.dataType() instanceof NumericType)) {
        throw new DatasetException(
            uri,
            "column "
                + field.name()
                + " is "
                + field.dataType().simpleString()
                + ", not a number: a CSV without a '"
                + columns.features()
                + "' column needs one numeric column per pixel");
      }
      fields.add(field);
    }
    return fields;
  }
}
