package snnspark.worker.neuron;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A batch of spiking LIF neurons: voltage and refractory time per neuron, stepped exactly as
 * docs/model.md, "Neurons" (Nengo's {@code LIF.step}). Neurons are laid out image after image,
 * {@code perImage} neurons each.
 *
 * <p>State is float32, as in NengoDL; each update is computed in double and rounded once.
 */
public final class LifNeurons {
  private final double gain;
  private final double bias;
  private final double tauRc;
  private final double tauRef;
  private final double dt;
  private final float spikeHeight;

  /** {@code expm1(-dt / tau_rc)}: the decay of a neuron that is not refractory, the common case. */
  private final double fullStepDecay;

  private final int perImage;
  private final float[] voltage;
  private final float[] refractory;

  /** {@code images * perImage} neurons with {@code params}, stepping by {@code dt}, all at rest. */
  public LifNeurons(NeuronParams params, int perImage, int images, double dt) {
    this.gain = params.gain();
    this.bias = params.bias();
    this.tauRc = params.tauRc();
    this.tauRef = params.tauRef();
    this.dt = dt;
    this.spikeHeight = (float) params.spikeHeight(dt);
    this.fullStepDecay = Math.expm1(-dt / tauRc);
    this.perImage = perImage;
    this.voltage = new float[Math.multiplyExact(perImage, images)];
    this.refractory = new float[voltage.length];
  }

  /** Number of neurons. */
  public int size() {
    return voltage.length;
  }

  /**
   * Resets every neuron: refractory time 0 and, for {@link InitialVoltage#UNIFORM}, a voltage drawn
   * from Uniform[0, 1) by a generator seeded from {@code (seed, layer, imageKeys[b])}, so an
   * image's neurons start the same whichever batch or partition it lands in.
   */
  public void reset(InitialVoltage mode, long seed, int layer, long[] imageKeys) {
    Arrays.fill(refractory, 0f);
    if (mode == InitialVoltage.ZERO) {
      Arrays.fill(voltage, 0f);
      return;
    }
    int images = voltage.length / perImage;
    if (imageKeys.length != images) {
      throw new IllegalArgumentException(imageKeys.length + " image keys for " + images);
    }
    for (int b = 0; b < images; b++) {
      SplittableRandom random = new SplittableRandom(Seeds.forImage(seed, layer, imageKeys[b]));
      for (int i = b * perImage, end = i + perImage; i < end; i++) {
        voltage[i] = (float) random.nextDouble();
      }
    }
  }

  /**
   * Advances one step with inputs {@code u} (before gain and bias); writes each neuron's output
   * ({@code amplitude/dt} for a spike, else 0) to {@code out} and returns the number of spikes.
   */
  public int step(float[] u, float[] out) {
    return step(u, out, null);
  }

  /**
   * Advances one step with inputs {@code u}: writes outputs to {@code out} (if not null) and the
   * indices of the neurons that spiked to {@code spiked} (if not null, at least {@link #size()}
   * long); returns the number of spikes.
   */
  public int step(float[] u, float[] out, int[] spiked) {
    int spikes = 0;
    for (int i = 0; i < voltage.length; i++) {
      double current = gain * u[i] + bias;
      double r = refractory[i] - dt;
      double decay;
      if (r <= 0) {
        decay = fullStepDecay; // clip(dt - r, 0, dt) = dt
      } else if (r >= dt) {
        decay = 0; // still refractory for the whole step: expm1(0)
      } else {
        decay = Math.expm1(-(dt - r) / tauRc);
      }
      double v = voltage[i];
      v -= (current - v) * decay;
      boolean spike = v > 1;
      if (spike) {
        double tSpike = dt + tauRc * Math.log1p(-(v - 1) / (current - 1));
        voltage[i] = 0f;
        refractory[i] = (float) (tauRef + tSpike);
        if (spiked != null) {
          spiked[spikes] = i;
        }
        spikes++;
      } else {
        voltage[i] = (float) Math.max(v, 0);
        refractory[i] = (float) r;
      }
      if (out != null) {
        out[i] = spike ? spikeHeight : 0f;
      }
    }
    return spikes;
  }

  /** Voltage of neuron {@code i} (for tests and plots). */
  public float voltage(int i) {
    return voltage[i];
  }
}
