package snnspark.driver.predict;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import snnspark.datasets.Dataset;
import snnspark.worker.spark.PixelSource;

/**
 * Brings a labelled image table to the driver as a {@link Dataset}, decoded and checked by the
 * executors: for the sets the driver itself measures on (the test set's rate error, the spiking
 * evaluation's report), not for training sets, which stay on the executors ({@link
 * TableTrainingSet}). Values are stored as bytes, {@code round(255 v)}: exact for 8-bit images.
 */
public final class TableCollector {
  private TableCollector() {}

  /**
   * The first {@code limit} images of {@code table} (0: all) and their labels, which must be among
   * {@code classes} classes.
   */
  public static Dataset collect(ImageTable table, int classes, int limit) {
    PixelSource pixels = table.pixels();
    org.apache.spark.sql.Dataset<Row> rows = limit > 0 ? table.rows().limit(limit) : table.rows();
    List<Tuple2<Integer, byte[]>> collected =
        rows.javaRDD().zipWithIndex().mapPartitions(it -> asBytes(it, pixels, classes)).collect();
    int size = pixels.imageSize();
    int count = collected.size();
    byte[] values = new byte[count * size];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (int) collected.get(i)._1();
      System.arraycopy(collected.get(i)._2(), 0, values, i * size, size);
    }
    return new Dataset(
        pixels.source(),
        count,
        pixels.channels(),
        pixels.rows(),
        pixels.cols(),
        classes,
        values,
        labels);
  }

  private static Iterator<Tuple2<Integer, byte[]>> asBytes(
      Iterator<Tuple2<Row, Long>> rows, PixelSource pixels, int classes) {
    List<Tuple2<Integer, byte[]>> out = new ArrayList<>();
    float[] values = new float[pixels.imageSize()];
    while (rows.hasNext()) {
      Tuple2<Row, Long> indexed = rows.next();
      Row row = indexed._1();
      String name = TableTrainingSet.rowName(row, indexed._2());
      pixels.read(row, name, values, 0);
      int label = TableTrainingSet.label(row, name, pixels, classes);
      byte[] bytes = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        bytes[i] = (byte) Math.round(values[i] * Dataset.MAX_PIXEL);
      }
      out.add(new Tuple2<>(label, bytes));
    }
    return out.iterator();
  }
}
