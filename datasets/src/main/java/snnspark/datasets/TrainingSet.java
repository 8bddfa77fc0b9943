package snnspark.datasets;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Labelled images as the trainer takes them: how many, and their minibatches laid out over the
 * workers by {@link MinibatchLayout}. A {@link Dataset} is one held by the driver; a table read by
 * the executors is another, whose images never pass through the driver.
 */
public interface TrainingSet {
  /** How many images. */
  int count();

  /**
   * The minibatches of {@code batchSize} images (the last maybe shorter), in order, on {@code
   * partitions} partitions laid out by {@link MinibatchLayout}. Callers that pass over them several
   * times persist the result.
   */
  JavaRDD<DataSet> minibatches(JavaSparkContext sc, int batchSize, int partitions);
}
