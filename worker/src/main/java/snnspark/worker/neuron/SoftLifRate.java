package snnspark.worker.neuron;

/**
 * SoftLIFRate, the differentiable stand-in for LIF used in training (docs/model.md, "Neurons"), and
 * its exact derivative, in double precision.
 *
 * <p>The softplus is computed stably ({@code a} itself for {@code a > 30}), and below {@code js =
 * -20} the asymptote {@code q = -js - log(sigma)} replaces {@code log1p(1/z)}; so neither the value
 * nor the derivative overflows for any finite input. Callers working in float32 compute here in
 * double and round once, which also keeps float32 clear of the {@code exp(a > 88)} overflow that
 * would saturate every neuron with zero gradient.
 */
public final class SoftLifRate {
  /** Above this the softplus equals its argument to double precision. */
  static final double SOFTPLUS_LINEAR_ABOVE = 30;

  /** Below this {@code js} the rate uses its asymptotic form. */
  static final double VALID_ABOVE = -20;

  private final NeuronParams params;
  private final double gain;
  private final double bias;
  private final double sigma;
  private final double amplitude;
  private final double tauRef;
  private final double tauRc;
  private final double logSigma;
  private final double derivativeScale;
  private final double gainOverSigma;
  private final double shift;

  /** {@code params}' table, looked up on first use: most instances never run a bulk kernel. */
  private SoftLifTable table;

  /** The SoftLIF rate of neurons with {@code params}. */
  public SoftLifRate(NeuronParams params) {
    this.params = params;
    this.gain = params.gain();
    this.bias = params.bias();
    this.sigma = params.sigma();
    this.amplitude = params.amplitude();
    this.tauRef = params.tauRef();
    this.tauRc = params.tauRc();
    this.logSigma = Math.log(params.sigma());
    this.derivativeScale = derivativeScale(params);
    this.gainOverSigma = gain / sigma;
    this.shift = (bias - 1) / sigma;
  }

  /** Output (amplitude-scaled rate) for input u. */
  public double output(double u) {
    double js = (gain * u + bias - 1) / sigma;
    return amplitude / (tauRef + tauRc * q(js));
  }

  /** d output / d u at input u. */
  public double derivative(double u) {
    double js = (gain * u + bias - 1) / sigma;
    double rate = amplitude / (tauRef + tauRc * q(js));
    double dqdjsOverSigma; // -(dq/du) / gain
    if (js > VALID_ABOVE) {
      double z = softplus(js) * sigma;
      dqdjsOverSigma = sigmoid(js) / (z * (z + 1));
    } else {
      dqdjsOverSigma = 1 / sigma;
    }
    return rate * rate * tauRc / amplitude * gain * dqdjsOverSigma;
  }

  /**
   * Output and derivative of {@code n} inputs in one pass (the fused kernel of fast training):
   * {@code x[i] + offset} is the input u; {@code x[i]} is overwritten with the output and {@code
   * derivative[i]} receives d output / d u, in float, most of them read from a {@link SoftLifTable}
   * with the bits of {@link #exactOutputAndDerivative}.
   *
   * <p>An input with the same bits as the one before it reuses that one's results. An image's
   * background gives a channel one value over most of its pixels: in training on MNIST half of all
   * inputs repeat their predecessor, and 58% of those outside the cheap region below the smooth
   * one. The results are the same bits as computing every input.
   */
  public void outputAndDerivative(float[] x, float offset, float[] derivative, int n) {
    outputAndDerivative(x, offset, derivative, n, table());
  }

  /**
   * As {@link #outputAndDerivative(float[], float, float[], int)}, from the formulas alone: one
   * {@code exp} and at most two {@code log}s per neuron, none outside the smooth region, in double,
   * rounded once; {@code log1p} is written as {@code log} of a ratio because {@code Math.log1p} is
   * not a JIT intrinsic and costs several times as much, and in double the difference stays far
   * below float's resolution. {@link SoftLifTable} bounds these formulas' rounding errors: change
   * them and its bounds must change too.
   */
  void exactOutputAndDerivative(float[] x, float offset, float[] derivative, int n) {
    outputAndDerivative(x, offset, derivative, n, null);
  }

  /**
   * The kernel, asking {@code table} first when there is one. The formulas sit in the loop: as a
   * method returning both floats in one long, they made the kernel 7% slower in training, since
   * most of the values they compute lie below the table, in the cheap region.
   */
  private void outputAndDerivative(
      float[] x, float offset, float[] derivative, int n, SoftLifTable table) {
    double gainOverSigma = this.gainOverSigma;
    double shift = this.shift;
    boolean computed = false;
    int previous = 0;
    float out = 0;
    float slope = 0;
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(x[i]);
      if (!computed || bits != previous) {
        double js = js(x[i], offset, gainOverSigma, shift);
        long both = table == null ? SoftLifTable.UNCERTAIN : table.outputAndDerivative(js);
        if (both != SoftLifTable.UNCERTAIN) {
          out = SoftLifTable.output(both);
          slope = SoftLifTable.derivative(both);
        } else {
          double q;
          double dqdjsOverSigma;
          if (js > SOFTPLUS_LINEAR_ABOVE) {
            double z = js * sigma;
            q = Math.log((z + 1) / z);
            dqdjsOverSigma = 1 / (z * (z + 1));
          } else if (js > VALID_ABOVE) {
            double e = Math.exp(js);
            double z = Math.log(1 + e) * sigma;
            q = Math.log((z + 1) / z);
            dqdjsOverSigma = e / ((1 + e) * z * (z + 1));
          } else {
            q = -js - logSigma;
            dqdjsOverSigma = 1 / sigma;
          }
          double rate = amplitude / (tauRef + tauRc * q);
          out = (float) rate;
          slope = (float) (rate * rate * derivativeScale * dqdjsOverSigma);
        }
        computed = true;
        previous = bits;
      }
      x[i] = out;
      derivative[i] = slope;
    }
  }

  /**
   * The output alone of {@code n} inputs, for inference: {@code x[i] + offset} is the input u and
   * {@code x[i]} is overwritten with the output, the bits {@link #outputAndDerivative} gives it
   * without the derivative's work, and as it does, once for a run of inputs with the same bits.
   */
  public void output(float[] x, float offset, int n) {
    output(x, offset, n, table());
  }

  /** As {@link #output(float[], float, int)}, from the formulas alone. */
  void exactOutput(float[] x, float offset, int n) {
    output(x, offset, n, null);
  }

  private void output(float[] x, float offset, int n, SoftLifTable table) {
    double gainOverSigma = this.gainOverSigma;
    double shift = this.shift;
    boolean computed = false;
    int previous = 0;
    float out = 0;
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(x[i]);
      if (!computed || bits != previous) {
        double js = js(x[i], offset, gainOverSigma, shift);
        out = table == null ? Float.NaN : table.output(js);
        if (Float.isNaN(out)) {
          double q;
          if (js > SOFTPLUS_LINEAR_ABOVE) {
            double z = js * sigma;
            q = Math.log((z + 1) / z);
          } else if (js > VALID_ABOVE) {
            double z = Math.log(1 + Math.exp(js)) * sigma;
            q = Math.log((z + 1) / z);
          } else {
            q = -js - logSigma;
          }
          out = (float) (amplitude / (tauRef + tauRc * q));
        }
        computed = true;
        previous = bits;
      }
      x[i] = out;
    }
  }

  /** The kernels' {@code js = (gain * u + bias - 1) / sigma} of {@code u = x + offset}. */
  double js(float x, float offset) {
    return js(x, offset, gainOverSigma, shift);
  }

  /**
   * {@link #js(float, float)} from copies of the two fields in local variables: the JIT kept
   * reading the fields inside the kernels' loops, which measured 13% slower.
   */
  private static double js(float x, float offset, double gainOverSigma, double shift) {
    return (x + offset) * gainOverSigma + shift;
  }

  private SoftLifTable table() {
    if (table == null) {
      table = SoftLifTable.of(params); // a race only looks the same table up twice
    }
    return table;
  }

  /** The factor {@code tauRc / amplitude * gain} of the derivative, computed in one place. */
  static double derivativeScale(NeuronParams params) {
    return params.tauRc() / params.amplitude() * params.gain();
  }

  private double q(double js) {
    return js > VALID_ABOVE ? Math.log1p(1 / (softplus(js) * sigma)) : -js - logSigma;
  }

  private static double softplus(double a) {
    return a > SOFTPLUS_LINEAR_ABOVE ? a : Math.log1p(Math.exp(a));
  }

  private static double sigmoid(double a) {
    return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
  }
}
