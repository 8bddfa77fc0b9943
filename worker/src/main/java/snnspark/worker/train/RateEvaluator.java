package snnspark.worker.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;

/** Classification error of the rate (SoftLIF) network: one timestep per image, as trained. */
public final class RateEvaluator {
  /** Images per forward pass: large enough for efficient GEMMs, small enough for memory. */
  public static final int BATCH = 200;

  private RateEvaluator() {}

  /** Predicted class of every image. */
  public static int[] predict(MultiLayerNetwork net, Dataset data) {
    int[] predictions = new int[data.count()];
    for (int from = 0; from < data.count(); from += BATCH) {
      int to = Math.min(from + BATCH, data.count());
      INDArray classes = net.output(data.features(from, to), false).argMax(1);
      for (int i = from; i < to; i++) {
        predictions[i] = classes.getInt(i - from);
      }
    }
    return predictions;
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
