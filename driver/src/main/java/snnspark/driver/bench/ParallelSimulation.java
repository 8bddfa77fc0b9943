package snnspark.driver.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import snnspark.datasets.Dataset;
import snnspark.worker.Stopwatch;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;

/**
 * A simulator on several threads at once, each with its own copy on its own consecutive share of
 * the images, as Spark's {@code local[*]} runs one task per core: what the cores give together.
 *
 * @param predictions every image's final prediction, in order
 * @param seconds wall time of the whole run
 */
public record ParallelSimulation(int[] predictions, double seconds) {
  /** Images each thread simulates together, as an evaluation's partitions do. */
  private static final int BATCH = 100;

  /** Runs {@code kind} on {@code threads} threads over {@code test}. */
  public static ParallelSimulation run(
      SimulatorKind kind,
      TrainedWeights weights,
      Dataset test,
      SimulationConfig config,
      int threads) {
    int[] predictions = new int[test.count()];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Stopwatch clock = Stopwatch.start();
    try {
      List<Future<?>> shares = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) test.count() * t / threads);
        int to = (int) ((long) test.count() * (t + 1) / threads);
        shares.add(
            pool.submit(
                () -> {
                  int[] share =
                      kind.create(weights.architecture(), weights.paramsArray())
                          .finalPredictions(test.slice(from, to), config, BATCH);
                  System.arraycopy(share, 0, predictions, from, share.length);
                }));
      }
      for (Future<?> share : shares) {
        share.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("simulation failed", e.getCause());
    } finally {
      pool.shutdown();
    }
    return new ParallelSimulation(predictions, clock.seconds());
  }

  /** Image-steps per second over all threads. */
  public double imageStepsPerSecond(SimulationConfig config) {
    return (double) predictions.length * config.steps() / seconds;
  }
}
