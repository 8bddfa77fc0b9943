package snnspark.worker.neuron;

/**
 * The steady-state firing rate of an LIF neuron, scaled by the amplitude (docs/model.md,
 * "Neurons"): {@code amplitude / (tau_ref + tau_rc * log1p(1 / (J - 1)))} above threshold, 0 below.
 */
public final class LifRate {
  private final NeuronParams params;
  private final double gain;
  private final double bias;

  /** The rate function of neurons with {@code params}. */
  public LifRate(NeuronParams params) {
    this.params = params;
    this.gain = params.gain();
    this.bias = params.bias();
  }

  /** Output for input u (after gain and bias). */
  public double output(double u) {
    return outputForCurrent(gain * u + bias);
  }

  /** Output for input current J. */
  public double outputForCurrent(double current) {
    double j = current - 1;
    return j > 0 ? params.amplitude() / (params.tauRef() + params.tauRc() * Math.log1p(1 / j)) : 0;
  }
}
