package snnspark.driver.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snnspark.worker.sim.SimulationConfig;

/** The spiking-evaluation flags, shared by {@code evaluate} and {@code run}. */
public final class EvaluateOptions {
  @Mixin SimulationOptions simulation;

  @Option(
      names = "--test-limit",
      paramLabel = "N",
      description = "Evaluate the first N test images only (default: 0, all).")
  Integer testLimit;

  /** Checks the values before anything starts. */
  void validate() {
    simulation.validate();
  }

  SimulationConfig simulation(long seed, double modelSynapseTau) {
    validate();
    return simulation.simulation(seed, modelSynapseTau);
  }

  /** The {@code --synapse} given, or null. */
  Double synapseGiven() {
    return simulation.synapseTau;
  }

  int testLimit() {
    return limit(testLimit);
  }

  /** A {@code --test-limit} as the requests hold it (and check it): 0 for all when not given. */
  static int limit(Integer testLimit) {
    return testLimit == null ? 0 : testLimit;
  }
}
