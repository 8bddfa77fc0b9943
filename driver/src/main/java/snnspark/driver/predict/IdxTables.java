package snnspark.driver.predict;

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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.DatasetLoader.IdxFile;
import snnspark.datasets.HadoopPath;

/**
 * IDX images as an {@link ImageTable}: read and checked on the driver (the loader's checks), then
 * broadcast once, the executors cutting rows from it.
 */
final class IdxTables {
  /** Images of an IDX set per row batch the executors cut from the broadcast set. */
  private static final int BATCH = 1000;

  /** The pixel column's name. */
  static final String PIXELS = "pixels";

  private IdxTables() {}

  /**
   * The test split's images of the IDX folder {@code uri}, or the one IDX images file {@code uri},
   * with the labels file beside them if present (images to score need none), as images of {@code
   * rows x cols} in {@code classes} classes.
   */
  static IdxFile read(String uri, Configuration conf, int rows, int cols, int classes) {
    DatasetLoader loader = new DatasetLoader(conf);
    return isFile(uri, conf)
        ? loader.loadFile(uri, rows, cols, classes)
        : loader.loadTestImages(uri, rows, cols, classes);
  }

  /** {@code read}'s images as rows of the id, the label (if labelled) and the pixel bytes. */
  static org.apache.spark.sql.Dataset<Row> rows(SparkSession session, IdxFile read) {
    Dataset images = read.images();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    Broadcast<Dataset> shared = sc.broadcast(images);
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < images.count(); from += BATCH) {
      starts.add(from);
    }
    boolean labelled = read.labelled();
    int count = images.count();
    JavaRDD<Row> rows =
        sc.parallelize(starts, Math.max(1, Math.min(sc.defaultParallelism(), starts.size())))
            .flatMap(from -> rows(shared.value(), labelled, from, Math.min(from + BATCH, count)));
    StructType schema =
        new StructType()
            .add(ImageTable.ID, DataTypes.StringType, false)
            .add(ImageTable.LABEL, DataTypes.IntegerType, true)
            .add(PIXELS, DataTypes.BinaryType, false);
    return session.createDataFrame(rows, schema);
  }

  private static Iterator<Row> rows(Dataset data, boolean labelled, int from, int to) {
    List<Row> rows = new ArrayList<>(to - from);
    int size = data.imageSize();
    for (int i = from; i < to; i++) {
      byte[] image = Arrays.copyOfRange(data.pixels(), i * size, (i + 1) * size);
      rows.add(RowFactory.create(String.valueOf(i), labelled ? data.label(i) : null, image));
    }
    return rows.iterator();
  }

  private static boolean isFile(String uri, Configuration conf) {
    try {
      Path path = HadoopPath.of(uri);
      return HadoopPath.fileSystem(path, conf).getFileStatus(path).isFile();
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
  }
}
