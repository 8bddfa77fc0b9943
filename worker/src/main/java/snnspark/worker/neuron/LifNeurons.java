package snnspark.worker.neuron;

import java.util.Arrays;

/**
 * A batch of spiking LIF neurons: voltage and refractory time per neuron, stepped exactly as
 * docs/model.md, "Neurons" (Nengo's {@code LIF.step}). Neurons are laid out image after image,
 * {@code perImage} neurons each.
 *
 * <p>State is float32, as in NengoDL; each update is computed in double and rounded once.
 */
public final class LifNeurons {
  /** Neurons per pass of the array loops: two double arrays of this size stay in cache. */
  private static final int CHUNK = 2048;

  private final double gain;
  private final double bias;
  private final double tauRc;
  private final double tauRef;
  private final double dt;
  private final float spikeHeight;

  /** {@link NeuronModel#NIR}: forward Euler without refractory period ({@link #eulerStep}). */
  private final boolean euler;

  /** {@code expm1(-dt / tau_rc)}: the decay of a neuron that is not refractory, the common case. */
  private final double fullStepDecay;

  private final int perImage;
  private final float[] voltage;

  /** Neurons stepped: all, or those {@link #resetSelected} kept, at the front of the arrays. */
  private int active;

  /**
   * Refractory time left per neuron. Only a neuron on the refractory list reads it; the others keep
   * a value {@code <= dt}, which the rule reads as the same thing: not refractory.
   */
  private final float[] refractory;

  /**
   * Neurons that may be refractory in the step: those whose refractory time reached into it, and
   * every neuron that spiked in the last step (one whose time has already run out, with a
   * refractory period under dt, takes the full step's rule there). Grouped by chunk, in chunk
   * order, and in no order within a chunk: each neuron's update is its own, so the order within a
   * chunk changes no bit, and concatenating beats merging into one ascending list (a step 18%
   * faster at 2% spikes per step).
   */
  private IndexList refractoryList;

  /** The list being built for the next step. */
  private IndexList nextRefractory;

  /** Position in {@link #refractoryList} during a step. */
  private int cursor;

  /** A chunk's inputs and new voltages in double, the precision of every update. */
  private final double[] current;

  private final double[] next;

  /** A chunk's spikes, ascending. */
  private final IndexList chunkSpikes;

  /** A chunk's refractory neurons that stay so into the next step. */
  private final IndexList stillRefractory;

  private int[] ownSpikeIndices;

  /** {@code images * perImage} neurons with {@code params}, stepping by {@code dt}, all at rest. */
  public LifNeurons(NeuronParams params, int perImage, int images, double dt) {
    this(NeuronModel.LIF, params, perImage, images, dt);
  }

  /** As {@link #LifNeurons(NeuronParams, int, int, double)}, stepped as {@code model} says. */
  public LifNeurons(NeuronModel model, NeuronParams params, int perImage, int images, double dt) {
    this.euler = model == NeuronModel.NIR;
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
    this.active = voltage.length;
    this.refractoryList = new IndexList(voltage.length);
    this.nextRefractory = new IndexList(voltage.length);
    int chunk = Math.min(CHUNK, voltage.length);
    this.current = new double[chunk];
    this.next = new double[chunk];
    this.chunkSpikes = new IndexList(chunk);
    this.stillRefractory = new IndexList(chunk);
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
    refractoryList.clear();
    active = voltage.length;
    if (mode == InitialVoltage.ZERO) {
      Arrays.fill(voltage, 0f);
      return;
    }
    int images = voltage.length / perImage;
    if (imageKeys.length != images) {
      throw new IllegalArgumentException(imageKeys.length + " image keys for " + images);
    }
    for (int b = 0; b < images; b++) {
      long imageSeed = Seeds.forImage(seed, layer, imageKeys[b]);
      for (int k = 0, at = b * perImage; k < perImage; k++) {
        voltage[at + k] = (float) Seeds.uniformDraw(imageSeed, k);
      }
    }
  }

  /**
   * Under the constant inputs {@code u} of one image, writes the indices of the neurons that can
   * ever spike to {@code into} and returns their number. The others are driven to a current {@code
   * J = gain * u + bias <= 1}: from a voltage at most 1, each step's new voltage {@code v - (J - v)
   * * expm1(-dt/tau_rc)} lies between v and J, and every rounding of it too (rounding is monotonic
   * and 1 - v is exact), so it never exceeds 1 and the neuron never spikes. NIR's Euler step {@code
   * v + dt/tau_rc (J - v)}, with {@code dt < tau_rc}, lies between them too.
   */
  public int spikingUnderConstantInput(float[] u, int[] into) {
    int count = 0;
    for (int i = 0; i < perImage; i++) {
      if (gain * u[i] + bias > 1) {
        into[count++] = i;
      }
    }
    return count;
  }

  /**
   * As {@link #reset} for one image, but neurons take other places: place {@code k < count} holds
   * neuron {@code selected[k]} with the voltage it would have had, and {@link #step} steps only
   * those places, reading inputs and reporting spikes by place. Selects the neurons that can spike
   * (ascending), or lays them out in another order (a permutation).
   */
  public void resetSelected(
      InitialVoltage mode, long seed, int layer, long imageKey, int[] selected, int count) {
    if (voltage.length != perImage) {
      throw new IllegalStateException("selected neurons of one image, but " + size() + " neurons");
    }
    Arrays.fill(refractory, 0f);
    Arrays.fill(voltage, 0f);
    refractoryList.clear();
    active = count;
    if (mode == InitialVoltage.UNIFORM) {
      long imageSeed = Seeds.forImage(seed, layer, imageKey);
      for (int k = 0; k < count; k++) {
        voltage[k] = (float) Seeds.uniformDraw(imageSeed, selected[k]);
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
   * indices of the neurons that spiked, in ascending order, to {@code spiked} (if not null, at
   * least {@link #size()} long); returns the number of spikes.
   *
   * <p>Most neurons neither spike nor are refractory in a step, and their update is one line of
   * arithmetic. That line runs for all neurons as simple loops over arrays, which the JIT turns
   * into vector instructions (one loop mixing float and double does not vectorize and ran 5x
   * slower). Refractory neurons are then redone from their list, and neurons above threshold spike,
   * each by the full rule. The result is the same bits as a neuron-by-neuron loop.
   */
  public int step(float[] u, float[] out, int[] spiked) {
    int[] indices = spiked != null ? spiked : spikeIndices();
    if (euler) {
      return eulerStep(u, out, indices);
    }
    int spikes = 0;
    cursor = 0;
    nextRefractory.clear();
    for (int lo = 0; lo < active; lo += CHUNK) {
      int len = Math.min(CHUNK, active - lo);
      fullStep(u, lo, len);
      refractoryStep(u, lo, len);
      fire(u, lo, len);
      store(lo, len);
      nextRefractory.addAll(stillRefractory);
      nextRefractory.addAll(chunkSpikes);
      spikes = chunkSpikes.copyTo(indices, spikes);
    }
    IndexList swap = refractoryList;
    refractoryList = nextRefractory;
    nextRefractory = swap;
    if (out != null) {
      Arrays.fill(out, 0, active, 0f);
      for (int s = 0; s < spikes; s++) {
        out[indices[s]] = spikeHeight;
      }
    }
    return spikes;
  }

  /**
   * One step of {@link NeuronModel#NIR}: {@code v += dt/tau_rc (J - v)} with {@code J = gain u +
   * bias} (the folded current of the NIR graph, whose {@code v_leak = 0}, {@code r = 1}), a spike
   * when {@code v > 1}, then {@code v = 0}; no refractory period and no floor at 0.
   */
  private int eulerStep(float[] u, float[] out, int[] indices) {
    double rate = dt / tauRc;
    int spikes = 0;
    for (int i = 0; i < active; i++) {
      double v = voltage[i];
      v += rate * (gain * u[i] + bias - v);
      if (v > 1) {
        indices[spikes++] = i;
        v = 0;
      }
      voltage[i] = (float) v;
    }
    if (out != null) {
      Arrays.fill(out, 0, active, 0f);
      for (int s = 0; s < spikes; s++) {
        out[indices[s]] = spikeHeight;
      }
    }
    return spikes;
  }

  /**
   * {@code next} := the voltage of neurons {@code lo .. lo+len-1} after a full, quiet step, floored
   * at 0 as it will be stored. The floor cannot hide a spike (those are above 1), and refractory
   * neurons are redone from their stored voltage, so it is taken here rather than in a pass of its
   * own before {@link #store}.
   */
  private void fullStep(float[] u, int lo, int len) {
    for (int j = 0; j < len; j++) {
      current[j] = u[lo + j];
    }
    for (int j = 0; j < len; j++) {
      next[j] = voltage[lo + j];
    }
    for (int j = 0; j < len; j++) {
      next[j] = Math.max(next[j] - (gain * current[j] + bias - next[j]) * fullStepDecay, 0.0);
    }
  }

  /**
   * Redoes the chunk's refractory neurons: no decay while refractory for the whole step, a partial
   * one in the step it ends. Leaves each one's voltage in {@code next}: to store if at most 1, else
   * for {@link #fire} to spike it with the others, in order.
   */
  private void refractoryStep(float[] u, int lo, int len) {
    stillRefractory.clear();
    for (; cursor < refractoryList.size() && refractoryList.get(cursor) < lo + len; cursor++) {
      int i = refractoryList.get(cursor);
      double current = gain * u[i] + bias;
      double r = refractory[i] - dt;
      double decay;
      if (r <= 0) {
        decay = fullStepDecay; // clip(dt - r, 0, dt) = dt
      } else if (r >= dt) {
        decay = 0; // still refractory for the whole step: expm1(0)
      } else {
        double x = -(dt - r) / tauRc;
        float quiet = RoundedToFloat.voltageAfterPartialDecay(voltage[i], current, x);
        if (!Float.isNaN(quiet)) {
          next[i - lo] = quiet;
          endRefractoryStep(i, r);
          continue;
        }
        decay = Math.expm1(x);
      }
      double v = voltage[i];
      v -= (current - v) * decay;
      if (v > 1) {
        next[i - lo] = v; // fire spikes it in order with the others
      } else {
        next[i - lo] = Math.max(v, 0);
        endRefractoryStep(i, r);
      }
    }
  }

  /** Neuron {@code i}, refractory and quiet this step, has {@code r} left; lists it if any. */
  private void endRefractoryStep(int i, double r) {
    refractory[i] = (float) r;
    if (refractory[i] - dt > 0) {
      stillRefractory.add(i);
    }
  }

  /**
   * Spikes every neuron of the chunk whose voltage crossed the threshold, refractory or not,
   * listing them in ascending order. The scan and the spikes are separate loops: a call (here
   * {@code log1p}) inside a loop keeps the JIT from unrolling it, and the scan ran twice as long
   * with it.
   */
  private void fire(float[] u, int lo, int len) {
    chunkSpikes.clear();
    for (int j = 0; j < len; j++) {
      if (next[j] > 1) {
        chunkSpikes.add(lo + j);
      }
    }
    for (int s = 0; s < chunkSpikes.size(); s++) {
      int i = chunkSpikes.get(s);
      next[i - lo] = spike(i, next[i - lo], gain * u[i] + bias);
    }
  }

  /**
   * Sets the refractory time of neuron {@code i}, which reached voltage {@code v > 1} under input
   * {@code current}: the refractory period from the moment the voltage crossed 1 within the step.
   * Returns the voltage to store, 0.
   */
  private double spike(int i, double v, double current) {
    // tau_ref from the crossing: the part of the step after it is dt + tau_rc log1p(-(v-1)/(J-1))
    refractory[i] =
        RoundedToFloat.refractoryAfterSpike(tauRef, dt, tauRc, -(v - 1) / (current - 1));
    return 0;
  }

  /** Writes the chunk's voltages, each at least 0, rounded to float once. */
  private void store(int lo, int len) {
    for (int j = 0; j < len; j++) {
      voltage[lo + j] = (float) next[j];
    }
  }

  private int[] spikeIndices() {
    if (ownSpikeIndices == null) {
      ownSpikeIndices = new int[voltage.length];
    }
    return ownSpikeIndices;
  }

  /** Voltage of neuron {@code i} (for tests and plots). */
  public float voltage(int i) {
    return voltage[i];
  }
}
