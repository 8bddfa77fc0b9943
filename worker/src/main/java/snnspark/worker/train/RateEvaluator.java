package snnspark.worker.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;
import snnspark.worker.ParallelShares;

/**
 * Classification error of the rate (SoftLIF) network: one timestep per image, as trained.
 *
 * <p>Runs where the driver evaluates between Spark jobs, when its cores are otherwise idle: one
 * thread per core, each with its own copy of the network (a network is not thread-safe), taking
 * whole batches, so every image is computed in the batch it always was and gets the same output.
 */
public final class RateEvaluator {
  /** Images per forward pass: large enough for efficient GEMMs, small enough for memory. */
  public static final int BATCH = 200;

  private RateEvaluator() {}

  /** Predicted class of every image. */
  public static int[] predict(MultiLayerNetwork net, Dataset data) {
    int[] predictions = new int[data.count()];
    int batches = (data.count() + BATCH - 1) / BATCH;
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), batches);
    if (threads <= 1) {
      predictBatches(net, data, predictions, 0, 1);
      return predictions;
    }
    MultiLayerNetwork[] copies = new MultiLayerNetwork[threads];
    for (int t = 0; t < threads; t++) {
      copies[t] = t == 0 ? net : net.clone();
    }
    ParallelShares.run(threads, t -> predictBatches(copies[t], data, predictions, t, threads));
    return predictions;
  }

  /** Predicts batches {@code first, first + every, ...} into {@code predictions}. */
  private static void predictBatches(
      MultiLayerNetwork net, Dataset data, int[] predictions, int first, int every) {
    for (int from = first * BATCH; from < data.count(); from += every * BATCH) {
      int to = Math.min(from + BATCH, data.count());
      INDArray classes = net.output(data.features(from, to), false).argMax(1);
      for (int i = from; i < to; i++) {
        predictions[i] = classes.getInt(i - from);
      }
    }
  }

  /** Share of images whose predicted class is not their label. */
  public static double errorRate(MultiLayerNetwork net, Dataset data) {
    int[] predictions = predict(net, data);
    int wrong = 0;
    for (int i = 0; i < predictions.length; i++) {
      if (predictions[i] != data.label(i)) {
        wrong++;
      }
    }
    return data.count() == 0 ? 0 : (double) wrong / data.count();
  }
}
