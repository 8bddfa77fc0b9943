package snnspark.driver.bench;

import snnspark.datasets.Dataset;
import snnspark.worker.ParallelShares;
import snnspark.worker.Stopwatch;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;

/**
 * A simulator on several threads at once, each with its own copy on its own consecutive share of
 * the images in an evaluation's batches, as Spark's {@code local[*]} runs one task per core: what
 * the cores give together.
 *
 * @param predictions every image's final prediction, in order
 * @param seconds wall time of the whole run
 */
public record ParallelSimulation(int[] predictions, double seconds) {
  /** Runs {@code kind} on {@code threads} threads over {@code test}. */
  public static ParallelSimulation run(
      SimulatorKind kind,
      TrainedWeights weights,
      Dataset test,
      SimulationConfig config,
      int threads) {
    int[] predictions = new int[test.count()];
    Stopwatch clock = Stopwatch.start();
    ParallelShares.run(
        threads,
        t -> {
          int from = (int) ((long) test.count() * t / threads);
          int to = (int) ((long) test.count() * (t + 1) / threads);
          int[] share =
              kind.create(weights.architecture(), weights.paramsArray())
                  .finalPredictions(test.slice(from, to), config, ImageBatch.PREFERRED_SIZE);
          System.arraycopy(share, 0, predictions, from, share.length);
        });
    return new ParallelSimulation(predictions, clock.seconds());
  }

  /** Image-steps per second over all threads. */
  public double imageStepsPerSecond(SimulationConfig config) {
    return (double) predictions.length * config.steps() / seconds;
  }
}
