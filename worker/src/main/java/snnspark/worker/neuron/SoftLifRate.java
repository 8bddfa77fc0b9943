package snnspark.worker.neuron;

/**
 * SoftLIFRate, the differentiable stand-in for LIF used in training (docs/model.md, "Neurons"), and
 * its exact derivative, in double precision.
 *
 * <p>The softplus is computed stably ({@code a} itself for {@code a > 30}), and below {@code js =
 * -20} the asymptote {@code q = -js - log(sigma)} replaces {@code log1p(1/z)}; so neither the value
 * nor the derivative overflows for any finite input. Callers working in float32 compute here in
 * double and round once, which also keeps float32 clear of the {@code exp(a > 88)} overflow that
 * would saturate every neuron with zero gradient. {@link SoftLifKernel} computes the same over a
 * channel's inputs at once.
 */
public final class SoftLifRate {
  /** Above this the softplus equals its argument to double precision. */
  static final double SOFTPLUS_LINEAR_ABOVE = 30;

  /** Below this {@code js} the rate uses its asymptotic form. */
  static final double VALID_ABOVE = -20;

  private final double gain;
  private final double bias;
  private final double sigma;
  private final double amplitude;
  private final double tauRef;
  private final double tauRc;
  private final double logSigma;

  /** The SoftLIF rate of neurons with {@code params}. */
  public SoftLifRate(NeuronParams params) {
    this.gain = params.gain();
    this.bias = params.bias();
    this.sigma = params.sigma();
    this.amplitude = params.amplitude();
    this.tauRef = params.tauRef();
    this.tauRc = params.tauRc();
    this.logSigma = Math.log(params.sigma());
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
