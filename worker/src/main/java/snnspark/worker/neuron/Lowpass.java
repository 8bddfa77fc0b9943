package snnspark.worker.neuron;

import java.util.Arrays;

/**
 * First-order lowpass synapse, exact for piecewise-constant input, read as Nengo reads it.
 *
 * <p>Nengo builds probe and connection synapses in "update" mode: what is read at step {@code t} is
 * the state before that step's input is added, {@code y[t] = a y[t-1] + (1-a) x[t-1]}, {@code a =
 * exp(-dt/tau)}, {@code y[0] = 0}. So a caller reads {@link #output} first and then calls {@link
 * #step} with the step's input; a constant input of 1 reads 0, 1-a, 1-a^2, ... at steps 1, 2, 3.
 * Reading after the step instead would run every curve one step ahead of Nengo and NengoDL.
 */
public final class Lowpass {
  private final double a;
  private final double[] y;

  /** {@code size} independent filters with time constant {@code tau}, starting at 0. */
  public Lowpass(double tau, double dt, int size) {
    this(NeuronModel.LIF, tau, dt, size);
  }

  /**
   * {@code size} filters with time constant {@code tau} as {@code model} steps them: exact, or
   * NIR's forward Euler ({@code a = 1 - dt/tau}); the caller reads per {@link
   * NeuronModel#readsLowpassBeforeStep}.
   */
  public Lowpass(NeuronModel model, double tau, double dt, int size) {
    this.a = model.lowpassKeep(dt, tau);
    this.y = new double[size];
  }

  /** Adds one step's inputs {@code x}: what is read from the next step on. */
  public void step(float[] x) {
    step(0, y.length, x);
  }

  /** Adds one step's inputs {@code x[0..count)} to filters {@code from .. from+count-1}. */
  public void step(int from, int count, float[] x) {
    for (int i = 0; i < count; i++) {
      y[from + i] = a * y[from + i] + (1 - a) * x[i];
    }
  }

  /** What filter {@code i} reads at the current step: every input before this step's. */
  public double output(int i) {
    return y[i];
  }

  /** Sets every output back to 0. */
  public void reset() {
    Arrays.fill(y, 0);
  }
}
