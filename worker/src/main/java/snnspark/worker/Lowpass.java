package snnspark.worker;

import java.util.Arrays;

/**
 * First-order lowpass synapse, exact for piecewise-constant input: {@code y[t] = a y[t-1] + (1-a)
 * x[t]}, {@code a = exp(-dt/tau)} (Nengo's {@code Lowpass}; the seed's probe filter).
 */
public final class Lowpass {
  private final double a;
  private final double[] y;

  /** {@code size} independent filters with time constant {@code tau}, starting at 0. */
  public Lowpass(double tau, double dt, int size) {
    this.a = Math.exp(-dt / tau);
    this.y = new double[size];
  }

  /** Advances every filter by one step with inputs {@code x}. */
  public void step(float[] x) {
    step(0, y.length, x);
  }

  /** Advances filters {@code from .. from+count-1} by one step with inputs {@code x[0..count)}. */
  public void step(int from, int count, float[] x) {
    for (int i = 0; i < count; i++) {
      y[from + i] = a * y[from + i] + (1 - a) * x[i];
    }
  }

  /** Current output of filter {@code i}. */
  public double output(int i) {
    return y[i];
  }

  /** Sets every output back to 0. */
  public void reset() {
    Arrays.fill(y, 0);
  }
}
