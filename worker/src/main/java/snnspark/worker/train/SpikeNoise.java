package snnspark.worker.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import snnspark.worker.neuron.Decimals;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.SoftLifRate;

/**
 * Training with noise, the second ingredient of Hunsberger &amp; Eliasmith (2015): Gaussian noise
 * of standard deviation {@code stdDevHz} (scaled by the amplitude) added to the output of every
 * neuron above threshold, {@code r(j) + eta} with {@code eta ~ N(0, sigma^2)} for {@code j > 0} and
 * no noise below, during training only. It stands in for the variability that spike trains add to a
 * rate, so the trained network leans less on rate differences that spikes cannot carry; the
 * gradient passes through unchanged (the noise is additive).
 *
 * <p>The tutorial's training has no noise ({@link #NONE}); the noise is an option for closing the
 * gap between the rate and the spiking network (README, Results: at 10 Hz it did not close it
 * here). Draws come from {@code Seeds.forTrainingStep}, as {@link SeededDropout}'s masks do, so a
 * run is reproducible.
 *
 * @param stdDevHz standard deviation of the noise in Hz (0: none)
 * @param params the neurons it is added to
 */
public record SpikeNoise(double stdDevHz, NeuronParams params) implements Serializable {

  /** No noise: the tutorial's training. */
  public static final SpikeNoise NONE = new SpikeNoise(0, NeuronParams.TUTORIAL);

  /** Rejects a negative or non-finite standard deviation. */
  public SpikeNoise {
    if (!(stdDevHz >= 0) || Double.isInfinite(stdDevHz)) {
      throw new IllegalArgumentException(
          "{trainingNoise} must be a finite number of Hz, at least 0, got "
              + Decimals.shortest(stdDevHz));
    }
  }

  /** Whether any noise is added. */
  public boolean isOn() {
    return stdDevHz > 0;
  }

  /** The standard deviation in output units (a neuron at r Hz outputs amplitude * r). */
  double outputStdDev() {
    return stdDevHz * params.amplitude();
  }

  /**
   * The neuron output at threshold ({@code j = 0}): outputs above it belong to neurons an LIF
   * neuron would fire for. SoftLIF is increasing, so comparing outputs compares currents.
   */
  float thresholdOutput() {
    return (float) new SoftLifRate(params).output(params.intercept());
  }

  /**
   * Adds {@code N(0, stdDev^2)} to each of {@code values[0..len)} above {@code threshold} (see
   * {@link #outputStdDev} and {@link #thresholdOutput}).
   */
  static void add(
      float[] values, int len, float threshold, double stdDev, SplittableRandom random) {
    for (int i = 0; i < len; i++) {
      if (values[i] > threshold) {
        values[i] += (float) (stdDev * random.nextGaussian());
      }
    }
  }
}
