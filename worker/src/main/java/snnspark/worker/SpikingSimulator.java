package snnspark.worker;

import snnspark.datasets.Dataset;

/** Runs a batch of images through the trained network with spiking LIF neurons. */
public interface SpikingSimulator {
  /**
   * Simulates {@code batch}, whose images are {@code firstIndex, firstIndex+1, ...} of the whole
   * set (the index seeds their initial voltages), for {@code config.steps()} steps.
   */
  SpikingResult run(Dataset batch, long firstIndex, SimulationConfig config);
}
