package snnspark.worker.sim;

import snnspark.datasets.Dataset;

/** Runs a batch of images through the trained network with spiking LIF neurons. */
public interface SpikingSimulator {
  /** Simulates {@code images} for {@code config.steps()} steps. */
  SpikingResult run(ImageBatch images, SimulationConfig config);

  /**
   * The final prediction of every image of {@code data} (whose first image is index 0), simulated
   * {@code batchSize} images at a time.
   */
  default int[] finalPredictions(Dataset data, SimulationConfig config, int batchSize) {
    int[] predictions = new int[data.count()];
    for (int from = 0; from < data.count(); from += batchSize) {
      int to = Math.min(from + batchSize, data.count());
      SpikingResult result = run(ImageBatch.of(data.slice(from, to)), config);
      for (int i = 0; i < result.images(); i++) {
        predictions[from + i] = result.finalPrediction(i);
      }
    }
    return predictions;
  }
}
