package snnspark.driver.predict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import snnspark.datasets.DatasetException;
import snnspark.datasets.DatasetLoader.IdxFile;
import snnspark.driver.io.HadoopFiles;
import snnspark.worker.description.InputShape;
import snnspark.worker.spark.PixelSource;

/**
 * Reads any image table {@code predict} takes into the {@link ImageTable} layout, through Spark's
 * data sources and the Hadoop FileSystem (local paths, {@code hdfs://}, {@code s3a://}). Problems
 * with the table's shape (a missing column, a column of the wrong type) are found here, on the
 * driver ({@link ImageColumns}, {@link ClassLabels}); problems with values (a wrong length, a value
 * out of range, a bad label) on the executors, naming the row.
 */
public final class ImageTableReader {
  private final SparkSession session;
  private final InputShape shape;
  private final List<String> classNames;
  private final TableColumns columns;

  /**
   * A reader of tables of images of {@code shape} and the classes {@code classNames}: an image in a
   * folder named after a class is labelled with it.
   */
  public ImageTableReader(
      SparkSession session, InputShape shape, List<String> classNames, TableColumns columns) {
    this.session = session;
    this.shape = shape;
    this.classNames = List.copyOf(classNames);
    this.columns = columns;
  }

  /** The table at {@code uri}, read as {@code format} (null: inferred). */
  public ImageTable read(String uri, InputFormat format) {
    Configuration conf = session.sparkContext().hadoopConfiguration();
    if (!HadoopFiles.exists(uri, conf)) {
      throw new DatasetException(uri, "no such file or folder");
    }
    InputFormat actual = format != null ? format : InputFormat.infer(uri, conf);
    return switch (actual) {
      case IDX ->
          idx(IdxTables.read(uri, conf, shape.height(), shape.width(), classNames.size()), uri);
      case PARQUET, CSV -> read(SourceTable.read(session, uri, actual));
      case IMAGES -> images(uri);
    };
  }

  /** The images of a Parquet table or CSV input read already. */
  public ImageTable read(SourceTable source) {
    return source.format() == InputFormat.CSV
        ? csv(source.uri(), source.rows())
        : table(source.uri(), source.rows());
  }

  /** A labelled set the driver has loaded already (the evaluation's test set), as a table. */
  public ImageTable fromDataset(snnspark.datasets.Dataset data) {
    return idx(new IdxFile(data, true), data.source());
  }

  private ImageTable idx(IdxFile read, String uri) {
    PixelSource pixels = pixels(uri, PixelSource.Kind.BYTES, IdxTables.PIXELS, null);
    return new ImageTable(IdxTables.rows(session, read), pixels, read.labelled());
  }

  /** A CSV of a features column, or of one numeric column per pixel. */
  private ImageTable csv(String uri, Dataset<Row> raw) {
    if (Arrays.asList(raw.columns()).contains(columns.features())) {
      return table(uri, raw);
    }
    List<StructField> fields = ImageColumns.pixelFields(uri, raw, columns);
    if (fields.size() != shape.size()) {
      throw new DatasetException(
          uri,
          fields.size()
              + " pixel columns, expected "
              + shape.size()
              + " (or a '"
              + columns.features()
              + "' column)");
    }
    List<Column> pixelColumns = new ArrayList<>();
    boolean[] integral = new boolean[fields.size()];
    for (int i = 0; i < integral.length; i++) {
      pixelColumns.add(col(fields.get(i).name()));
      integral[i] = fields.get(i).dataType() instanceof IntegralType;
    }
    String[] names = fields.stream().map(StructField::name).toArray(String[]::new);
    PixelSource pixels =
        pixels(
            uri,
            PixelSource.Kind.COLUMNS,
            "pixel columns",
            new PixelSource.PixelColumns(names, integral));
    return withIdAndLabel(uri, raw, pixelColumns, pixels);
  }

  /**
   * PNG/JPEG files in the folder and its subfolders, as their bytes: the executors decode them
   * ({@code PixelSource.Kind.IMAGE}), checking the size each declares before decoding it, which
   * Spark's {@code image} source does not. An image in a folder named after one of the classes is
   * labelled with that class, others have none; the table counts as labelled when the folder has a
   * subfolder named after a class.
   */
  private ImageTable images(String uri) {
    Dataset<Row> raw = SparkSources.imageFiles(session, uri);
    List<String> classes = classNames;
    UserDefinedFunction classOf =
        udf(
            (UDF1<String, Integer>) path -> ClassFolders.classOf(path, classes),
            DataTypes.IntegerType);
    Dataset<Row> rows =
        raw.select(
            col("path").as(ImageTable.ID),
            classOf.apply(col("path")).as(ImageTable.LABEL),
            struct(col("path").as("origin"), col("content").as("data")).as("image"));
    Configuration conf = session.sparkContext().hadoopConfiguration();
    boolean labelled = ClassFolders.subfolders(uri, conf).stream().anyMatch(classNames::contains);
    return new ImageTable(rows, pixels(uri, PixelSource.Kind.IMAGE, "image", null), labelled);
  }

  /** A Parquet table, or a CSV with a features column. */
  private ImageTable table(String uri, Dataset<Row> raw) {
    StructField features = ImageColumns.field(uri, raw.schema(), columns.features());
    PixelSource.Kind kind = ImageColumns.kind(uri, features);
    return withIdAndLabel(
        uri, raw, List.of(col(features.name())), pixels(uri, kind, features.name(), null));
  }

  /** The table with its id and label columns first, the pixel columns after them. */
  private ImageTable withIdAndLabel(
      String uri, Dataset<Row> raw, List<Column> pixelColumns, PixelSource pixels) {
    List<String> names = Arrays.asList(raw.columns());
    boolean labelled = names.contains(columns.label());
    Column label =
        labelled
            ? ClassLabels.indices(uri, raw, columns.label(), classNames)
            : lit(null).cast(DataTypes.IntegerType);
    List<Column> rest = new ArrayList<>();
    rest.add(label.as(ImageTable.LABEL));
    rest.addAll(pixelColumns);
    if (names.contains(columns.id())) {
      List<Column> all = new ArrayList<>();
      all.add(col(columns.id()).cast(DataTypes.StringType).as(ImageTable.ID));
      all.addAll(rest);
      return new ImageTable(raw.select(all.toArray(Column[]::new)), pixels, labelled);
    }
    // No id column: the row's index in the input.
    Dataset<Row> selected = raw.select(rest.toArray(Column[]::new));
    StructType schema = new StructType().add(ImageTable.ID, DataTypes.StringType, false);
    for (StructField field : selected.schema().fields()) {
      schema = schema.add(field);
    }
    JavaRDD<Row> indexed = selected.javaRDD().zipWithIndex().map(ImageTableReader::withIndex);
    return new ImageTable(session.createDataFrame(indexed, schema), pixels, labelled);
  }

  private static Row withIndex(Tuple2<Row, Long> indexed) {
    Row row = indexed._1();
    Object[] values = new Object[row.size() + 1];
    values[0] = String.valueOf(indexed._2());
    for (int i = 0; i < row.size(); i++) {
      values[i + 1] = row.get(i);
    }
    return RowFactory.create(values);
  }

  private PixelSource pixels(
      String uri, PixelSource.Kind kind, String columnName, PixelSource.PixelColumns columns) {
    return new PixelSource(uri, kind, ImageTable.PIXEL_COLUMN, columnName, columns, shape);
  }
}
