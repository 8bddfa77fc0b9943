package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.io.UserException;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.sim.SimulationConfig;

/** The spiking-evaluation flags, shared by {@code evaluate} and {@code run}. */
public final class EvaluateOptions {
  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Timesteps each test image is shown for (default: ${DEFAULT-VALUE}).")
  int steps = SimulationConfig.TUTORIAL_STEPS;

  @Option(
      names = "--test-limit",
      paramLabel = "N",
      description = "Evaluate the first N test images only (default: all).")
  Integer testLimit;

  @Option(
      names = "--initial-voltage",
      paramLabel = "MODE",
      description = "uniform (Nengo >= 3.1) or zero (Nengo 2.x) (default: ${DEFAULT-VALUE}).",
      converter = InitialVoltageConverter.class)
  InitialVoltage initialVoltage = InitialVoltage.UNIFORM;

  @Option(
      names = "--synapse",
      paramLabel = "SECONDS",
      description =
          "Lowpass time constant on the connections between neuron layers (default: 0, none:"
              + " spikes pass straight on, as in the tutorial).")
  double synapseTau;

  /** Checks the values before anything starts. */
  void validate() {
    UserException.atLeastOne("--steps", steps);
    testLimit();
    if (!(synapseTau >= 0 && synapseTau < Double.POSITIVE_INFINITY)) {
      throw new UserException(
          "--synapse must be 0 (none) or a positive number of seconds, got " + synapseTau);
    }
  }

  SimulationConfig simulation(long seed) {
    validate();
    return new SimulationConfig(
        steps,
        SimulationConfig.DT,
        SimulationConfig.OUTPUT_SYNAPSE_TAU,
        synapseTau,
        initialVoltage,
        seed);
  }

  int testLimit() {
    return testLimit == null ? 0 : UserException.atLeastOne("--test-limit", testLimit);
  }

  /** Accepts the modes in lower case, as users type them. */
  static final class InitialVoltageConverter
      implements picocli.CommandLine.ITypeConverter<InitialVoltage> {
    @Override
    public InitialVoltage convert(String value) {
      for (InitialVoltage mode : InitialVoltage.values()) {
        if (mode.name().equalsIgnoreCase(value)) {
          return mode;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected uniform or zero, got '" + value + "'");
    }
  }
}
