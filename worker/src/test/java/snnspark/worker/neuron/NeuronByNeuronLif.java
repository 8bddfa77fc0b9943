package snnspark.worker.neuron;

/**
 * The LIF rule of docs/model.md as a plain neuron-by-neuron loop: {@link LifNeurons} as it was
 * before its array loops, kept as the reference those must reproduce to the bit.
 */
final class NeuronByNeuronLif {
  private final double gain;
  private final double bias;
  private final double tauRc;
  private final double tauRef;
  private final double dt;
  private final double fullStepDecay;
  final float[] voltage;
  private final float[] refractory;

  NeuronByNeuronLif(NeuronParams params, float[] initialVoltage, double dt) {
    this.gain = params.gain();
    this.bias = params.bias();
    this.tauRc = params.tauRc();
    this.tauRef = params.tauRef();
    this.dt = dt;
    this.fullStepDecay = Math.expm1(-dt / tauRc);
    this.voltage = initialVoltage.clone();
    this.refractory = new float[voltage.length];
  }

  /** One step; writes the spiking neurons' indices to {@code spiked} and returns their number. */
  int step(float[] u, int[] spiked) {
    int spikes = 0;
    for (int i = 0; i < voltage.length; i++) {
      double current = gain * u[i] + bias;
      double r = refractory[i] - dt;
      double decay;
      if (r <= 0) {
        decay = fullStepDecay;
      } else if (r >= dt) {
        decay = 0;
      } else {
        decay = Math.expm1(-(dt - r) / tauRc);
      }
      double v = voltage[i];
      v -= (current - v) * decay;
      if (v > 1) {
        double tSpike = dt + tauRc * Math.log1p(-(v - 1) / (current - 1));
        voltage[i] = 0f;
        refractory[i] = (float) (tauRef + tSpike);
        spiked[spikes++] = i;
      } else {
        voltage[i] = (float) Math.max(v, 0);
        refractory[i] = (float) r;
      }
    }
    return spikes;
  }
}
