package snnspark.driver.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import snnspark.datasets.Dataset;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.Stopwatch;
import snnspark.worker.train.Dl4jNetworks;

/**
 * The baseline and the fast training network fitted step by step on the same minibatches in one
 * process: their losses (which must agree to float32 noise) and their single-process speed.
 *
 * @param baseline loss after each step of the baseline network
 * @param fast loss after each step of the fast network
 * @param baselineImagesPerSecond single-process speed of the baseline
 * @param fastImagesPerSecond single-process speed of the fast network
 */
public record LossComparison(
    double[] baseline, double[] fast, double baselineImagesPerSecond, double fastImagesPerSecond) {

  /** Fits {@code steps} minibatches of {@code batch} images of {@code train} (cycling) on both. */
  public static LossComparison run(SnnArchitecture arch, Dataset train, int batch, int steps) {
    int batches = Math.max(1, train.count() / batch);
    DataSet[] minibatches = new DataSet[Math.min(batches, steps)];
    for (int i = 0; i < minibatches.length; i++) {
      minibatches[i] = train.toDataSet(i * batch, Math.min((i + 1) * batch, train.count()));
    }
    double[] baselineLoss = new double[steps];
    double[] fastLoss = new double[steps];
    double baselineSpeed = fit(Dl4jNetworks.baseline(arch, 0), minibatches, baselineLoss);
    double fastSpeed = fit(Dl4jNetworks.training(arch, 0), minibatches, fastLoss);
    return new LossComparison(baselineLoss, fastLoss, baselineSpeed, fastSpeed);
  }

  private static double fit(MultiLayerConfiguration conf, DataSet[] minibatches, double[] loss) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    long images = 0;
    Stopwatch start = Stopwatch.start();
    for (int step = 0; step < loss.length; step++) {
      DataSet batch = minibatches[step % minibatches.length];
      net.fit(batch);
      loss[step] = net.score();
      images += batch.numExamples();
    }
    return images / (start.seconds());
  }

  /** Relative difference within which single steps of the two losses count as agreeing. */
  public static final double STEP_TOLERANCE = 1e-3;

  /** Steps averaged together when comparing the curves: single steps are noisy. */
  public static final int WINDOW = 5;

  /**
   * The largest |fast - baseline| / baseline between the two curves' means over consecutive windows
   * of {@link #WINDOW} steps. Single steps are not compared: AdaDelta with learning rate 1
   * amplifies float32 rounding differences within a few steps, so the two runs soon take their own
   * (equally good) paths, and one step's loss swings far more than the windowed mean.
   */
  public double largestWindowDifference() {
    double largest = 0;
    for (int from = 0; from + WINDOW <= baseline.length; from += WINDOW) {
      double b = 0;
      double f = 0;
      for (int i = from; i < from + WINDOW; i++) {
        b += baseline[i];
        f += fast[i];
      }
      largest = Math.max(largest, Math.abs(f - b) / b);
    }
    return largest;
  }

  /** How many first steps have losses within {@code relative} of each other. */
  public int stepsAgreeingWithin(double relative) {
    int i = 0;
    while (i < baseline.length && Math.abs(fast[i] - baseline[i]) <= relative * baseline[i]) {
      i++;
    }
    return i;
  }
}
