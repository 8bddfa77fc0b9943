package snnspark.worker.sim;

import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.worker.SnnArchitecture;

/** The two implementations of the same spiking simulation. */
public enum SimulatorKind {
  /** {@link SpikingNetwork}: every connection every step; the reference. */
  DENSE,
  /** {@link EventDrivenNetwork}: only the connections of neurons that spiked; the fast one. */
  EVENT_DRIVEN;

  /** A simulator of this kind for {@code arch} with trained {@code params}. */
  public SpikingSimulator create(SnnArchitecture arch, INDArray params) {
    return this == DENSE ? new SpikingNetwork(arch, params) : new EventDrivenNetwork(arch, params);
  }
}
