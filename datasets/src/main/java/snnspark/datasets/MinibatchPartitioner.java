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
 * <p>The driver ships each minibatch once, as compact unsigned bytes (one byte a pixel, a quarter
 * of float32); executors turn them into DL4J {@link DataSet}s. Callers that pass over the data
 * several times should persist the result, so the driver does not ship it again.
 */
public final class MinibatchPartitioner {
  private MinibatchPartitioner() {}

  /**
   * Consecutive slices of at most {@code batchSize} images; the last may be shorter. Order is kept,
   * so image {@code i} of the dataset is image {@code i % batchSize} of slice {@code i /
   * batchSize}.
   */
  public static List<Dataset> slices(Dataset data, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    List<Dataset> slices = new ArrayList<>();
    for (int from = 0; from < data.count(); from += batchSize) {
      slices.add(data.slice(from, Math.min(from + batchSize, data.count())));
    }
    return slices;
  }

  /**
   * The dataset's minibatches as DL4J DataSets in {@code partitions} Spark partitions: partition
   * {@code p} holds slices {@code [p * n / partitions, (p + 1) * n / partitions)} of the {@code n}
   * slices, as {@code parallelize} would cut them.
   *
   * <p>The images travel once, as a broadcast; the partitions themselves carry only their index.
   * Parallelizing the slices instead puts each partition's images inside the partition object, and
   * every task of every later job over the (persisted) RDD ships them again: 23 MB per task and
   * averaging round for MNIST on 2 workers, most of a training round's time when averaging every
   * minibatch.
   */
  public static JavaRDD<DataSet> partition(
      JavaSparkContext sc, Dataset data, int batchSize, int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("partition count must be positive, got " + partitions);
    }
    int batches = slices(data, batchSize).size();
    Broadcast<Dataset> shared = sc.broadcast(data);
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      indices.add(p);
    }
    return sc.parallelize(indices, partitions)
        .flatMap(
            p -> {
              Dataset all = shared.value();
              long first = (long) p * batches / partitions;
              long last = (long) (p + 1) * batches / partitions;
              List<DataSet> mine = new ArrayList<>();
              for (long b = first; b < last; b++) {
                int from = Math.toIntExact(b * batchSize);
                mine.add(all.toDataSet(from, Math.min(from + batchSize, all.count())));
              }
              return mine.iterator();
            });
  }
}
