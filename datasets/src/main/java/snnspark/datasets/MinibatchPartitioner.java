package snnspark.datasets;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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

  /** The dataset's minibatches as DL4J DataSets in {@code partitions} Spark partitions. */
  public static JavaRDD<DataSet> partition(
      JavaSparkContext sc, Dataset data, int batchSize, int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("partition count must be positive, got " + partitions);
    }
    return sc.parallelize(slices(data, batchSize), partitions)
        .map(slice -> slice.toDataSet(0, slice.count()));
  }
}
