package snnspark.driver.report;

import snnspark.worker.SnnArchitecture;

/**
 * What one image costs in energy, estimated from operation counts as SNN papers estimate it, with
 * the 45 nm, 32-bit floating-point figures of Horowitz (ISSCC 2014, "Computing's energy problem
 * (and what we can do about it)"): an add 0.9 pJ, a multiply 3.7 pJ, so a multiply-accumulate 4.6
 * pJ.
 *
 * <ul>
 *   <li>rate network: its multiply-accumulates ({@link SnnArchitecture#macsPerImage}) at {@link
 *       #macJoules} each;
 *   <li>spiking network: every synaptic event is one accumulate of a weight ({@link
 *       #synapticEventJoules}); every neuron of every neuron layer updates its voltage every step,
 *       {@code v += (J - v) * dt / tau}, one multiply and two adds ({@link #neuronUpdateJoules});
 *       and the first layer's input current, computed once per image from the (constant, not
 *       spiking) pixels, costs conv1's multiply-accumulates.
 * </ul>
 *
 * Memory traffic, the threshold comparison, the readout's lowpass and the SoftLIF nonlinearity are
 * left out of both, as those papers leave them out; on real hardware memory often costs more than
 * the arithmetic. The figures compare the two networks; they are not a measurement.
 *
 * @param synapticEventJoules one synaptic event (an accumulate)
 * @param neuronUpdateJoules one neuron's voltage update in one step
 * @param macJoules one multiply-accumulate
 */
public record EnergyModel(double synapticEventJoules, double neuronUpdateJoules, double macJoules) {
  private static final double ADD_JOULES = 0.9e-12;
  private static final double MULTIPLY_JOULES = 3.7e-12;

  /** Horowitz's 45 nm float32 figures: 0.9 pJ per event, 5.5 pJ per update, 4.6 pJ per MAC. */
  public static final EnergyModel HOROWITZ_45NM =
      new EnergyModel(ADD_JOULES, MULTIPLY_JOULES + 2 * ADD_JOULES, MULTIPLY_JOULES + ADD_JOULES);

  /** Rejects costs that are not positive and finite. */
  public EnergyModel {
    for (double cost : new double[] {synapticEventJoules, neuronUpdateJoules, macJoules}) {
      if (!(cost > 0) || Double.isInfinite(cost)) {
        throw new IllegalArgumentException("energy costs must be positive and finite: " + this);
      }
    }
  }

  /** One dense forward pass of the rate network. */
  public double rateJoules(SnnArchitecture arch) {
    return arch.macsPerImage() * macJoules;
  }

  /**
   * The spiking network's energy per image when it is shown for {@code t + 1} steps, for every
   * {@code t}, given the synaptic events per image up to each step.
   */
  public double[] spikingJoulesByStep(SnnArchitecture arch, double[] cumulativeEventsPerImage) {
    long neurons = 0;
    for (int n : arch.neuronsPerImage()) {
      neurons += n;
    }
    double input = arch.firstLayerMacsPerImage() * macJoules;
    double[] joules = new double[cumulativeEventsPerImage.length];
    for (int t = 0; t < joules.length; t++) {
      joules[t] =
          input
              + cumulativeEventsPerImage[t] * synapticEventJoules
              + (t + 1) * neurons * neuronUpdateJoules;
    }
    return joules;
  }
}
