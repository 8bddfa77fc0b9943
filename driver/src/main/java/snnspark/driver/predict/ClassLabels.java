package snnspark.driver.predict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import snnspark.datasets.DatasetException;

/**
 * The labels of a Parquet or CSV table as class indices: integers are indices already, strings are
 * class names, looked up among the model's classes (an unknown name fails, naming the input).
 */
public final class ClassLabels {
  /** The index a label outside int's range becomes: no class has it. */
  private static final int BEYOND_INT = Integer.MAX_VALUE;

  private ClassLabels() {}

  /**
   * A label index as a message names it ("label 7"), saying where it may stand for a larger one.
   */
  static String named(int label) {
    return label == BEYOND_INT ? "label " + label + " or more" : "label " + label;
  }

  /**
   * The class names of a Parquet or CSV table whose label column holds strings: its distinct
   * labels, sorted; null where the labels are class indices (or there is no label column).
   */
  public static List<String> labelNames(SourceTable table, TableColumns columns) {
    String uri = table.uri();
    Dataset<Row> raw = table.rows();
    if (!Arrays.asList(raw.columns()).contains(columns.label())
        || !raw.schema().apply(columns.label()).dataType().equals(DataTypes.StringType)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Row row : raw.select(col(columns.label())).na().drop().distinct().collectAsList()) {
      names.add(row.getString(0));
    }
    if (names.size() > snnspark.datasets.Dataset.MAX_CLASSES) {
      throw new DatasetException(
          uri,
          names.size()
              + " distinct labels in column "
              + columns.label()
              + ", more than "
              + snnspark.datasets.Dataset.MAX_CLASSES
              + " classes");
    }
    names.sort(null);
    return names;
  }

  /**
   * Column {@code label} of {@code raw} as class indices among {@code classes}; fails, naming
   * {@code uri}, on a column that holds neither integers nor strings.
   */
  public static Column indices(String uri, Dataset<Row> raw, String label, List<String> classes) {
    DataType type = raw.schema().apply(label).dataType();
    if (type.equals(DataTypes.StringType)) {
      return classIndex(uri, classes).apply(col(label));
    }
    if (type instanceof IntegralType) {
      // A long outside int's range would wrap in the cast (4294967297 to 1) and pass as a class;
      // it becomes int's largest value instead, which every class check refuses (named()).
      Column value = col(label);
      return when(value.gt(Integer.MAX_VALUE).or(value.lt(Integer.MIN_VALUE)), lit(BEYOND_INT))
          .otherwise(value.cast(DataTypes.IntegerType));
    }
    throw new DatasetException(
        uri,
        "column "
            + label
            + " is "
            + type.simpleString()
            + "; labels must be integers (class indices) or strings (class names)");
  }

  /** A class name's index among the classes; fails, naming the input, on a name of no class. */
  private static UserDefinedFunction classIndex(String uri, List<String> classes) {
    return udf(
        (UDF1<String, Integer>)
            name -> {
              if (name == null) {
                return null;
              }
              int index = classes.indexOf(name);
              if (index < 0) {
                throw new DatasetException(
                    uri,
                    "label '"
                        + name
                        + "' is not one of the model's classes ("
                        + String.join(", ", classes)
                        + ")");
              }
              return index;
            },
        DataTypes.IntegerType);
  }
}
