package snnspark.driver.predict;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import snnspark.datasets.DatasetException;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.DatasetLoader.IdxFile;
import snnspark.datasets.Split;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.UserException;
import snnspark.worker.description.InputShape;
import snnspark.worker.spark.PixelSource;

/**
 * Reads any image table {@code predict} takes into the {@link ImageTable} layout, through Spark's
 * data sources and the Hadoop FileSystem (local paths, {@code hdfs://}, {@code s3a://}). Problems
 * with the table's shape (a missing column, a column of the wrong type) are found here, on the
 * driver; problems with values (a wrong length, a value out of range, a bad label) on the
 * executors, naming the row.
 */
public final class ImageTableReader {
  /** Images of an IDX set per row batch the executors cut from the broadcast set. */
  private static final int IDX_BATCH = 1000;

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
      case IDX -> idx(uri, conf);
      case PARQUET -> table(uri, load(uri, "Parquet", () -> session.read().parquet(uri)));
      case CSV -> csv(uri);
      case IMAGES -> images(uri);
    };
  }

  private interface Load {
    Dataset<Row> run();
  }

  /** Runs a data source's read, turning its failures into one line about {@code uri}. */
  private static Dataset<Row> load(String uri, String what, Load load) {
    try {
      return load.run();
    } catch (Exception e) { // including Spark's SparkException, checked but undeclared
      throw new DatasetException(uri, "not a readable " + what + " input: " + firstLine(e), e);
    }
  }

  /** The first line of the deepest message, which names the real problem. */
  static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A labelled set the driver has loaded already (the evaluation's test set), as a table. */
  public ImageTable fromDataset(snnspark.datasets.Dataset data) {
    return idxTable(new IdxFile(data, true), data.source());
  }

  private ImageTable idx(String uri, Configuration conf) {
    return idxTable(readIdx(uri, conf), uri);
  }

  private ImageTable idxTable(IdxFile read, String uri) {
    snnspark.datasets.Dataset images = read.images();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    Broadcast<snnspark.datasets.Dataset> shared = sc.broadcast(images);
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < images.count(); from += IDX_BATCH) {
      starts.add(from);
    }
    boolean labelled = read.labelled();
    int count = images.count();
    JavaRDD<Row> rows =
        sc.parallelize(starts, Math.max(1, Math.min(sc.defaultParallelism(), starts.size())))
            .flatMap(
                from -> idxRows(shared.value(), labelled, from, Math.min(from + IDX_BATCH, count)));
    StructType schema = layout(DataTypes.BinaryType);
    PixelSource pixels = pixels(uri, PixelSource.Kind.BYTES, "pixels", null);
    return new ImageTable(session.createDataFrame(rows, schema), pixels, labelled);
  }

  private static Iterator<Row> idxRows(
      snnspark.datasets.Dataset data, boolean labelled, int from, int to) {
    List<Row> rows = new ArrayList<>(to - from);
    int size = data.imageSize();
    for (int i = from; i < to; i++) {
      byte[] image = Arrays.copyOfRange(data.pixels(), i * size, (i + 1) * size);
      rows.add(RowFactory.create(String.valueOf(i), labelled ? data.label(i) : null, image));
    }
    return rows.iterator();
  }

  /** The test split of an IDX folder, or one IDX images file with its labels file if present. */
  private IdxFile readIdx(String uri, Configuration conf) {
    DatasetLoader loader = new DatasetLoader(conf);
    int classes = classNames.size();
    if (!isFile(uri, conf)) {
      return new IdxFile(
          loader.load(uri, Split.TEST, shape.height(), shape.width(), classes), true);
    }
    return loader.loadFile(uri, shape.height(), shape.width(), classes);
  }

  private static boolean isFile(String uri, Configuration conf) {
    try {
      Path path = new Path(uri);
      return path.getFileSystem(conf).getFileStatus(path).isFile();
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
  }

  private static Dataset<Row> rawCsv(SparkSession session, String uri) {
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

  private ImageTable csv(String uri) {
    Dataset<Row> raw = rawCsv(session, uri);
    if (Arrays.asList(raw.columns()).contains(columns.features())) {
      return table(uri, raw);
    }
    List<Column> pixelColumns = new ArrayList<>();
    List<Boolean> integral = new ArrayList<>();
    for (StructField field : pixelFields(uri, raw, columns)) {
      pixelColumns.add(col(field.name()));
      integral.add(field.dataType() instanceof IntegralType);
    }
    long expected = shape.size();
    if (pixelColumns.size() != expected) {
      throw new DatasetException(
          uri,
          pixelColumns.size()
              + " pixel columns, expected "
              + expected
              + " (or a '"
              + columns.features()
              + "' column)");
    }
    boolean[] flags = new boolean[integral.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = integral.get(i);
    }
    PixelSource pixels = pixels(uri, PixelSource.Kind.COLUMNS, "pixel columns", flags);
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
    Dataset<Row> raw =
        load(
            uri,
            "image",
            () ->
                session
                    .read()
                    .format("binaryFile")
                    .option("pathGlobFilter", "*.{png,jpg,jpeg,PNG,JPG,JPEG}")
                    .option("recursiveFileLookup", "true")
                    .load(uri));
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
    StructField features = field(uri, raw.schema(), columns.features());
    PixelSource.Kind kind = kind(uri, features);
    return withIdAndLabel(
        uri, raw, List.of(col(features.name())), pixels(uri, kind, features.name(), null));
  }

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
      return PixelSource.Kind.SPARK_IMAGE;
    } else if (type.equals(SQLDataTypes.VectorType())) {
      return PixelSource.Kind.VECTOR;
    } else if (type.equals(DataTypes.StringType)) {
      return PixelSource.Kind.TEXT;
    } else if (type.equals(DataTypes.BinaryType)) {
      return PixelSource.Kind.BYTES;
    }
    throw new DatasetException(
        uri,
        "column "
            + features.name()
            + " is "
            + type.simpleString()
            + "; expected an array of numbers, an ML vector, binary, a string of numbers or Spark's"
            + " image struct");
  }

  /** A class name's index among the classes; fails, naming the input, on a name of no class. */
  private UserDefinedFunction classIndex(String uri) {
    List<String> classes = classNames;
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

  /**
   * The class names of a Parquet or CSV table whose label column holds strings: its distinct
   * labels, sorted; null where the labels are class indices (or there is no label column).
   */
  public static List<String> labelNames(
      SparkSession session, String uri, InputFormat format, TableColumns columns) {
    Dataset<Row> raw = raw(session, uri, format);
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

  static Dataset<Row> raw(SparkSession session, String uri, InputFormat format) {
    return format == InputFormat.CSV
        ? rawCsv(session, uri)
        : load(uri, "Parquet", () -> session.read().parquet(uri));
  }

  /** The table with its id and label columns first, the pixel columns after them. */
  private ImageTable withIdAndLabel(
      String uri, Dataset<Row> raw, List<Column> pixelColumns, PixelSource pixels) {
    List<String> names = Arrays.asList(raw.columns());
    boolean labelled = names.contains(columns.label());
    Column label;
    if (labelled) {
      DataType type = raw.schema().apply(columns.label()).dataType();
      if (type.equals(DataTypes.StringType)) {
        label = classIndex(uri).apply(col(columns.label())).as(ImageTable.LABEL);
      } else if (type instanceof IntegralType) {
        label = col(columns.label()).cast(DataTypes.IntegerType).as(ImageTable.LABEL);
      } else {
        throw new DatasetException(
            uri,
            "column "
                + columns.label()
                + " is "
                + type.simpleString()
                + "; labels must be integers (class indices) or strings (class names)");
      }
    } else {
      label = lit(null).cast(DataTypes.IntegerType).as(ImageTable.LABEL);
    }
    List<Column> rest = new ArrayList<>();
    rest.add(label);
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

  private StructType layout(DataType pixelType) {
    return new StructType()
        .add(ImageTable.ID, DataTypes.StringType, false)
        .add(ImageTable.LABEL, DataTypes.IntegerType, true)
        .add("pixels", pixelType, false);
  }

  private PixelSource pixels(
      String uri, PixelSource.Kind kind, String columnName, boolean[] integral) {
    return new PixelSource(uri, kind, ImageTable.PIXEL_COLUMN, columnName, integral, shape);
  }
}
