package snnspark.datasets;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Cuts a {@link Dataset} into minibatches and spreads them over Spark partitions.
 *
 * <p>The driver broadcasts the images once, as compact unsigned bytes (one byte a pixel, a quarter
 * of float32); executors cut them into DL4J {@link DataSet}s. Callers that pass over the data
 * several times should persist the result, so executors do not cut them again.
 */
public final class MinibatchPartitioner {
  private MinibatchPartitioner() {}

  /**
   * The dataset's minibatches (consecutive slices of {@code batchSize} images, the last maybe
   * shorter) as DL4J DataSets in {@code partitions} Spark partitions: partition {@code p} holds
   * slices {@code [p * n / partitions, (p + 1) * n / partitions)} of the {@code n} slices, as
   * {@code parallelize} would cut them ({@link MinibatchLayout}).
   *
   * <p>The images travel once, as a broadcast; the partitions themselves carry only their index.
   * Parallelizing the slices instead puts each partition's images inside the partition object, and
   * every task of every later job over the (persisted) RDD ships them again: 23 MB per task and
   * averaging round for MNIST on 2 workers.
   */
  public static JavaRDD<DataSet> partition(
      JavaSparkContext sc, Dataset data, int batchSize, int partitions) {
    MinibatchLayout layout = new MinibatchLayout(data.count(), batchSize, partitions);
    Broadcast<Dataset> shared = sc.broadcast(data);
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      indices.add(p);
    }
    return sc.parallelize(indices, partitions)
        .flatMap(
            p -> {
              Dataset all = shared.value();
              List<DataSet> mine = new ArrayList<>();
              for (long b = layout.firstBatch(p); b < layout.endBatch(p); b++) {
                mine.add(
                    all.toDataSet(
                        Math.toIntExact(layout.firstImage(b)),
                        Math.toIntExact(layout.endImage(b))));
              }
              return mine.iterator();
            });
  }
}
