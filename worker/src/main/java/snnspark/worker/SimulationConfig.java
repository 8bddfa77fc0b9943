package snnspark.worker;

import java.io.Serializable;

/**
 * How a spiking evaluation runs (SPEC.md section 4): timesteps per image, step length, the output
 * lowpass's time constant, and how neurons start.
 *
 * @param steps timesteps each image is shown for
 * @param dt step length in seconds
 * @param outputSynapseTau time constant of the lowpass on the 10 outputs, seconds
 * @param initialVoltage how neuron voltages start
 * @param seed seed of the initial voltages (combined with each image's index)
 */
public record SimulationConfig(
    int steps, double dt, double outputSynapseTau, InitialVoltage initialVoltage, long seed)
    implements Serializable {

  /** Nengo's default step, 1 ms. */
  public static final double DT = 0.001;

  /** The seed's probe synapse, 0.1 s. */
  public static final double OUTPUT_SYNAPSE_TAU = 0.1;

  /** The seed's presentation time: 30 steps. */
  public static final int SEED_STEPS = 30;

  /** Rejects settings no simulation can run with. */
  public SimulationConfig {
    if (steps <= 0) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    if (!(dt > 0) || !(outputSynapseTau > 0)) {
      throw new IllegalArgumentException(
          "dt and the output synapse must be positive, got " + dt + " and " + outputSynapseTau);
    }
    if (initialVoltage == null) {
      throw new IllegalArgumentException("initial voltage mode must be given");
    }
  }

  /** The seed's settings with {@code steps} steps, uniform initial voltages and seed 0. */
  public static SimulationConfig seed(int steps) {
    return new SimulationConfig(steps, DT, OUTPUT_SYNAPSE_TAU, InitialVoltage.UNIFORM, 0);
  }

  /** The same with another initial-voltage mode. */
  public SimulationConfig withInitialVoltage(InitialVoltage mode) {
    return new SimulationConfig(steps, dt, outputSynapseTau, mode, seed);
  }
}
