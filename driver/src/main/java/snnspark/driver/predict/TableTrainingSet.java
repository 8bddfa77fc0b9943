package snnspark.driver.predict;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.datasets.Holdout;
import snnspark.datasets.MinibatchLayout;
import snnspark.datasets.TrainingSet;
import snnspark.worker.spark.PixelSource;

/**
 * Training images in an {@link ImageTable}, read by the executors: each image is numbered in the
 * table's order, sent to the partition {@link MinibatchLayout} gives its number, and decoded there,
 * so no image passes through the driver and each executor holds only its own partitions. The same
 * table, batch size and worker count give the same minibatches.
 *
 * @param table the images and their labels, in a fixed order
 * @param count how many images to train on: the table's first {@code count}
 * @param classes the classes the labels index
 */
public record TableTrainingSet(ImageTable table, int count, int classes) implements TrainingSet {

  /** The first {@code limit} images of {@code table} (0: all), counted once. */
  public static TableTrainingSet of(ImageTable table, int classes, int limit) {
    long rows = table.rows().count();
    if (rows == 0) {
      throw new DatasetException(table.pixels().source(), "no images to train on");
    }
    long count = limit > 0 ? Math.min(limit, rows) : rows;
    return new TableTrainingSet(table, Math.toIntExact(count), classes);
  }

  /**
   * The rows of {@code table} that {@code holdout} holds out ({@code held}) or keeps for training,
   * in order: numbered in the table's order, as the trainer numbers them.
   */
  public static ImageTable part(ImageTable table, Holdout holdout, boolean held) {
    org.apache.spark.sql.Dataset<Row> rows = table.rows();
    JavaRDD<Row> kept =
        rows.javaRDD()
            .zipWithIndex()
            .filter(row -> holdout.holdsOut(row._2()) == held)
            .map(Tuple2::_1);
    return new ImageTable(
        rows.sparkSession().createDataFrame(kept, rows.schema()), table.pixels(), table.labelled());
  }

  /**
   * The number of classes a table's integer labels index: 0 to the largest label, as Spark ML
   * counts them. Fails on a table without labels or with a label outside 0-255.
   */
  public static int classesOfLabels(ImageTable table) {
    String source = table.pixels().source();
    if (!table.labelled()) {
      throw new DatasetException(source, "no labels to train on: name the label column");
    }
    Row range =
        table.rows().agg(functions.min(ImageTable.LABEL), functions.max(ImageTable.LABEL)).first();
    if (range.isNullAt(0)) {
      throw new DatasetException(source, "no labelled rows to train on");
    }
    for (int i = 0; i < 2; i++) {
      int label = range.getInt(i);
      if (label < 0 || label >= Dataset.MAX_CLASSES) {
        throw new DatasetException(
            source,
            ClassLabels.named(label)
                + " outside 0-"
                + (Dataset.MAX_CLASSES - 1)
                + " (a label is a class index)");
      }
    }
    return range.getInt(1) + 1;
  }

  @Override
  public JavaRDD<DataSet> minibatches(JavaSparkContext sc, int batchSize, int partitions) {
    MinibatchLayout layout = new MinibatchLayout(count, batchSize, partitions);
    PixelSource pixels = table.pixels();
    int classCount = classes;
    long limit = count;
    return table
        .rows()
        .javaRDD()
        .zipWithIndex()
        .filter(row -> row._2() < limit)
        .mapToPair(row -> new Tuple2<>(row._2(), row._1()))
        .repartitionAndSortWithinPartitions(layout)
        .mapPartitions(rows -> cut(rows, layout, pixels, classCount).iterator());
  }

  /** A partition's numbered rows, in order, cut into minibatches at the layout's boundaries. */
  private static List<DataSet> cut(
      Iterator<Tuple2<Long, Row>> rows, MinibatchLayout layout, PixelSource pixels, int classes) {
    List<DataSet> batches = new ArrayList<>();
    List<Tuple2<Long, Row>> batch = new ArrayList<>();
    long batchIndex = -1;
    while (rows.hasNext()) {
      Tuple2<Long, Row> row = rows.next();
      long b = row._1() / layout.batchSize();
      if (b != batchIndex && !batch.isEmpty()) {
        batches.add(minibatch(batch, pixels, classes));
        batch.clear();
      }
      batchIndex = b;
      batch.add(row);
    }
    if (!batch.isEmpty()) {
      batches.add(minibatch(batch, pixels, classes));
    }
    return batches;
  }

  private static DataSet minibatch(List<Tuple2<Long, Row>> rows, PixelSource pixels, int classes) {
    int n = rows.size();
    int size = pixels.imageSize();
    float[] values = new float[n * size];
    float[] oneHot = new float[n * classes];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i)._2();
      String name = rowName(row, rows.get(i)._1());
      pixels.read(row, name, values, i * size);
      oneHot[i * classes + label(row, name, pixels, classes)] = 1f;
    }
    return new DataSet(
        Nd4j.create(values, new long[] {n, pixels.channels(), pixels.rows(), pixels.cols()}, 'c'),
        Nd4j.create(oneHot, new long[] {n, classes}, 'c'));
  }

  /** The row's id, or else its place in the table, for messages. */
  static String rowName(Row row, long index) {
    return row.isNullAt(ImageTable.ID_COLUMN)
        ? "row " + index
        : "row with id " + row.get(ImageTable.ID_COLUMN);
  }

  /** The row's class index, checked against the classes. */
  static int label(Row row, String name, PixelSource pixels, int classes) {
    if (row.isNullAt(ImageTable.LABEL_COLUMN)) {
      throw pixels.problemWithRow(
          name,
          "has no label (in an image folder, the label is the name of the subfolder an image"
              + " sits in)");
    }
    int label = row.getInt(ImageTable.LABEL_COLUMN);
    if (label < 0 || label >= classes) {
      throw pixels.problemWithRow(
          name, ClassLabels.named(label) + " " + Dataset.notAClass(classes));
    }
    return label;
  }
}
