package snnspark.worker.neuron;

/**
 * How spiking neurons start: Nengo 3.1+ draws voltages, Nengo 2.x (the tutorial's era) starts at 0.
 */
public enum InitialVoltage {
  /** v ~ Uniform[0, 1), seeded per image and layer. */
  UNIFORM,
  /** v = 0 for every neuron. */
  ZERO
}
