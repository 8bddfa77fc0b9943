package snnspark.worker.sim;

import java.io.Serializable;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.neuron.NeuronModel;

/**
 * How a spiking evaluation runs (docs/model.md, "Spiking evaluation"): timesteps per image, step
 * length, the output lowpass's time constant, the synapse between neuron layers (none in the
 * tutorial), and how neurons start.
 *
 * @param steps timesteps each image is shown for
 * @param dt step length in seconds
 * @param outputSynapseTau time constant of the lowpass on the 10 outputs, seconds
 * @param synapseTau time constant of a lowpass on every connection out of a neuron layer, seconds
 *     (0: none, spikes pass straight on as in the tutorial)
 * @param initialVoltage how neuron voltages start
 * @param seed seed of the initial voltages (combined with each image's index)
 * @param neuronModel the dynamics of neurons and lowpasses: the project's LIF, or what the exported
 *     NIR graph means
 */
public record SimulationConfig(
    int steps,
    double dt,
    double outputSynapseTau,
    double synapseTau,
    InitialVoltage initialVoltage,
    long seed,
    NeuronModel neuronModel)
    implements Serializable {

  /** Nengo's default step, 1 ms. */
  public static final double DT = 0.001;

  /** The tutorial's probe synapse, 0.1 s. */
  public static final double OUTPUT_SYNAPSE_TAU = 0.1;

  /**
   * The most steps an image is shown for: 10 s at the tutorial's step, 300 times its presentation.
   * Each simulated image keeps its filtered outputs of every step, so the memory a task needs grows
   * with the steps; a typo's billions would only end in an executor out of memory.
   */
  public static final int MAX_STEPS = 10_000;

  /** The tutorial's presentation time: 30 steps. */
  public static final int TUTORIAL_STEPS = 30;

  /**
   * The simulation a user sets up, in the tutorial's time (steps of {@link #DT}, the output read
   * through {@link #OUTPUT_SYNAPSE_TAU}) with the project's LIF neurons; checked.
   */
  public static SimulationConfig of(
      int steps, double synapseTau, InitialVoltage initialVoltage, long seed) {
    return new SimulationConfig(
        steps, DT, OUTPUT_SYNAPSE_TAU, synapseTau, initialVoltage, seed, NeuronModel.LIF);
  }

  /**
   * Rejects settings no simulation can run with. The messages write the settings a user gives as
   * {@code {steps}} and {@code {synapse}}, so the driver can name them as its user typed them.
   */
  public SimulationConfig {
    if (steps <= 0 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("{steps} must be 1-" + MAX_STEPS + ", got " + steps);
    }
    if (!(dt > 0) || !(outputSynapseTau > 0)) {
      throw new IllegalArgumentException(
          "dt and the output synapse must be positive, got " + dt + " and " + outputSynapseTau);
    }
    checkSynapse(synapseTau);
    if (initialVoltage == null || neuronModel == null) {
      throw new IllegalArgumentException("initial voltage mode and neuron model must be given");
    }
    if (neuronModel == NeuronModel.NIR && initialVoltage != InitialVoltage.ZERO) {
      // A NIR graph holds no state; its importers start every voltage at 0.
      throw new IllegalArgumentException("the NIR neuron model starts every voltage at 0");
    }
    if (neuronModel == NeuronModel.NIR && synapseTau > 0) {
      throw new IllegalArgumentException(
          "the NIR neuron model runs networks without a synapse between layers only");
    }
  }

  /** Rejects a synapse between layers that is negative or not finite (seconds; 0 is none). */
  public static double checkSynapse(double tau) {
    if (!(tau >= 0 && tau < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "{synapse} must be 0 (none) or a positive number of seconds, got " + tau);
    }
    return tau;
  }

  /**
   * The tutorial's settings with {@code steps} steps: no synapse between layers, uniform initial
   * voltages, seed 0.
   */
  public static SimulationConfig tutorial(int steps) {
    return of(steps, 0, InitialVoltage.UNIFORM, 0);
  }

  /** Whether connections between neuron layers are filtered. */
  public boolean hasSynapse() {
    return synapseTau > 0;
  }

  /** {@code exp(-dt / synapseTau)}: what a synaptic current keeps of itself per step. */
  public float synapseDecay() {
    return hasSynapse() ? (float) Math.exp(-dt / synapseTau) : 0f;
  }

  /** The same with a lowpass of {@code tau} seconds on the connections out of neuron layers. */
  public SimulationConfig withSynapse(double tau) {
    return new SimulationConfig(
        steps, dt, outputSynapseTau, tau, initialVoltage, seed, neuronModel);
  }

  /** The same with another initial-voltage mode. */
  public SimulationConfig withInitialVoltage(InitialVoltage mode) {
    return new SimulationConfig(steps, dt, outputSynapseTau, synapseTau, mode, seed, neuronModel);
  }

  /**
   * The same run as NIR's graph means it ({@link NeuronModel#NIR}): voltages from 0, and no synapse
   * (refused by the constructor when this config has one).
   */
  public SimulationConfig asNir() {
    return new SimulationConfig(
        steps, dt, outputSynapseTau, synapseTau, InitialVoltage.ZERO, seed, NeuronModel.NIR);
  }
}
