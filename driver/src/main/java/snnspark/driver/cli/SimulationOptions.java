package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.io.UserException;
import snnspark.driver.train.Preset;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.neuron.NeuronModel;
import snnspark.worker.sim.SimulationConfig;

/** How the spiking network is run: shared by {@code evaluate}, {@code run} and {@code predict}. */
public final class SimulationOptions {
  @Option(
      names = "--steps",
      paramLabel = "N",
      description =
          "Timesteps each image is shown for, 1-"
              + SimulationConfig.MAX_STEPS
              + " (default: ${DEFAULT-VALUE}).")
  int steps = SimulationConfig.TUTORIAL_STEPS;

  @Option(
      names = "--initial-voltage",
      paramLabel = "MODE",
      description = "uniform (Nengo >= 3.1) or zero (Nengo 2.x) (default: ${DEFAULT-VALUE}).",
      converter = InitialVoltageConverter.class)
  InitialVoltage initialVoltage = InitialVoltage.UNIFORM;

  @Option(
      names = "--neurons",
      paramLabel = "MODEL",
      description =
          "lif: the project's LIF neurons (default); nir: what the NIR export means, LIF without"
              + " refractory period by forward Euler, voltages from 0, output LI read after each"
              + " step (docs/outputs.md).",
      converter = NeuronModelConverter.class)
  NeuronModel neurons = NeuronModel.LIF;

  @Option(
      names = "--synapse",
      paramLabel = "SECONDS",
      description =
          "Lowpass time constant on the connections between neuron layers (default: the"
              + " model's, 0 for the seed preset: spikes pass straight on, as in the tutorial;"
              + " "
              + Preset.TUNED_SYNAPSE_TAU
              + " for the tuned preset).")
  Double synapseTau;

  /** Checks the values before anything starts (the model's synapse is not known yet). */
  void validate() {
    simulation(0, 0);
  }

  /**
   * The simulation these flags ask for, with the run's random {@code seed} and, unless {@code
   * --synapse} is given, the synapse {@code modelSynapseTau} the model was tuned for.
   */
  SimulationConfig simulation(long seed, double modelSynapseTau) {
    SimulationConfig config =
        UserException.checking(
            () ->
                SimulationConfig.of(
                    steps,
                    synapseTau != null ? synapseTau : modelSynapseTau,
                    initialVoltage,
                    seed));
    if (neurons != NeuronModel.NIR) {
      return config;
    }
    try {
      return config.asNir();
    } catch (IllegalArgumentException e) {
      throw new UserException("--neurons nir: " + e.getMessage() + " (give --synapse 0)");
    }
  }

  /** Accepts the models in any case. */
  static final class NeuronModelConverter extends LowerCaseEnumConverter<NeuronModel> {
    NeuronModelConverter() {
      super(NeuronModel.class);
    }
  }

  /** Accepts the modes in any case. */
  static final class InitialVoltageConverter extends LowerCaseEnumConverter<InitialVoltage> {
    InitialVoltageConverter() {
      super(InitialVoltage.class);
    }
  }
}
