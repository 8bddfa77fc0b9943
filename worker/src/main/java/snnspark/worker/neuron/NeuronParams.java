package snnspark.worker.neuron;

import java.io.Serializable;

/**
 * Parameters of a layer of LIF-family neurons (docs/model.md, "Neurons"): membrane and refractory
 * time constants, output amplitude, SoftLIF smoothing, and the max rate and intercept from which
 * each neuron's gain and bias follow. Times in seconds, rates in Hz.
 *
 * @param tauRc membrane RC time constant
 * @param tauRef refractory period
 * @param amplitude output scale: a neuron firing at r Hz outputs {@code amplitude * r}
 * @param sigma SoftLIF smoothing (only the rate approximation uses it)
 * @param maxRate firing rate at input u = 1
 * @param intercept input u at which firing starts
 */
public record NeuronParams(
    double tauRc, double tauRef, double amplitude, double sigma, double maxRate, double intercept)
    implements Serializable {

  /** The tutorial's refractory period, seconds. */
  public static final double TUTORIAL_TAU_REF = 0.002;

  /** The tutorial's rate at input 1, Hz. */
  public static final int TUTORIAL_MAX_RATE_HZ = 100;

  /**
   * The tutorial's neurons: nengo.LIF(0.02, 0.002, amplitude 0.01), sigma 0.002, 100 Hz at u = 1.
   */
  public static final NeuronParams TUTORIAL =
      new NeuronParams(0.02, TUTORIAL_TAU_REF, 0.01, 0.002, TUTORIAL_MAX_RATE_HZ, 0);

  /**
   * Rejects parameters for which gain, bias or the rates are undefined, naming the settings a user
   * chooses ({@code {tauRef}}, {@code {maxRate}}) as {@code snnspark.driver.io.UserException} reads
   * them.
   */
  public NeuronParams {
    if (!(tauRc > 0) || !(sigma > 0)) {
      throw new IllegalArgumentException(
          "need tau_rc > 0 and sigma > 0; got " + tauRc + ", " + sigma);
    }
    if (!(tauRef >= 0 && tauRef < tauRc)) {
      throw new IllegalArgumentException(
          "{tauRef} must be 0 (none) or a positive number of seconds below tau_rc = "
              + Decimals.shortest(tauRc)
              + ", got "
              + Decimals.shortest(tauRef));
    }
    // 1/0 is infinite: without a refractory period any rate is possible.
    if (!(maxRate > 0 && maxRate < 1 / tauRef)) {
      throw new IllegalArgumentException(
          "{maxRate} must lie between 0 and 1/tau_ref = "
              + Decimals.shortest(1 / tauRef)
              + " Hz, got "
              + Decimals.shortest(maxRate));
    }
    if (!(amplitude > 0)) {
      throw new IllegalArgumentException("amplitude must be above 0, got " + amplitude);
    }
    if (!(intercept < 1)) {
      throw new IllegalArgumentException("intercept must be below 1, got " + intercept);
    }
  }

  /** Gain from max rate and intercept: {@code (1 - x) / (c - 1)}, x as in docs/model.md. */
  public double gain() {
    double x = 1.0 / (1.0 - Math.exp((tauRef - 1.0 / maxRate) / tauRc));
    return (1.0 - x) / (intercept - 1.0);
  }

  /** Bias: {@code 1 - gain * c}. */
  public double bias() {
    return 1.0 - gain() * intercept;
  }

  /** Input current {@code J = gain * u + bias}. */
  public double current(double u) {
    return gain() * u + bias();
  }

  /** Output value of a spike, {@code amplitude / dt}, so its time average is the rate output. */
  public double spikeHeight(double dt) {
    return amplitude / dt;
  }

  /** Converts an output value (amplitude-scaled) to a firing rate in Hz. */
  public double toHz(double output) {
    return output / amplitude;
  }
}
