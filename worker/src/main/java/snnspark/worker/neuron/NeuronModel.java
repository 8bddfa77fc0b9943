package snnspark.worker.neuron;

/**
 * Which dynamics spiking neurons and lowpasses follow. {@link #LIF} is the project's (Nengo's,
 * docs/model.md); {@link #NIR} is what the exported NIR graph means once discretised
 * (docs/outputs.md, "What the graph means"), so the two can be measured side by side.
 */
public enum NeuronModel {
  /**
   * Nengo's LIF: exact integration over each step, a refractory period, voltage floored at 0; a
   * lowpass is exact ({@code exp(-dt/tau)}) and read before its step's input enters.
   */
  LIF,
  /**
   * NIR's LIF at step dt by forward Euler, {@code v += dt/tau (v_leak - v + r I)}, spiking when
   * {@code v > v_threshold} and then {@code v = v_reset}, with no refractory period and no floor; a
   * spike enters the next layer as 1/dt for one step. Its LI nodes (the output lowpass) follow the
   * same Euler rule and are read after their step's input enters.
   */
  NIR;

  /** What a lowpass of time constant {@code tau} keeps of its state over one step {@code dt}. */
  public double lowpassKeep(double dt, double tau) {
    return this == LIF ? Math.exp(-dt / tau) : 1 - dt / tau;
  }

  /** Whether a lowpass is read before its step's input enters it (Nengo's "update" mode). */
  public boolean readsLowpassBeforeStep() {
    return this == LIF;
  }
}
