package snnspark.worker.neuron;

import java.util.Arrays;

/**
 * A batch of spiking LIF neurons: voltage and refractory time per neuron, stepped exactly as
 * docs/model.md, "Neurons" (Nengo's {@code LIF.step}). Neurons are laid out image after image,
 * {@code perImage} neurons each.
 *
 * <p>State is float32, as in NengoDL; each update is computed in double and rounded once. The
 * voltages are floats held in a double array ({@link FloatRounding}): JDK 17's JIT vectorizes no
 * loop that converts between float and double, and the conversions to and from a float array took
 * two of a step's five passes over the neurons, scalar.
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

  /** Each neuron's voltage: a float, held as a double. */
  private final double[] voltage;

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

  /**
   * Each neuron's input and new voltage during a step, in double, the precision of every update; as
   * long as {@link #voltage}, so that every loop indexes its arrays alike.
   */
  private final double[] current;

  private final double[] next;

  /** The currents of an input held for many steps ({@link #holdInput}); null until one is. */
  private double[] held;

  /** Whether {@link #held} is the input of the coming steps. */
  private boolean holding;

  /** A chunk's spikes, ascending (neuron indices, as every list here). */
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
    this.voltage = new double[Math.multiplyExact(perImage, images)];
    this.refractory = new float[voltage.length];
    this.active = voltage.length;
    this.refractoryList = new IndexList(voltage.length);
    this.nextRefractory = new IndexList(voltage.length);
    int chunk = Math.min(CHUNK, voltage.length);
    this.current = new double[voltage.length];
    this.next = new double[voltage.length];
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
    holding = false;
    if (mode == InitialVoltage.ZERO) {
      Arrays.fill(voltage, 0);
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
    Arrays.fill(voltage, 0);
    refractoryList.clear();
    active = count;
    holding = false;
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
    holding = false;
    int[] indices = spiked != null ? spiked : spikeIndices();
    int spikes = advance(u, indices);
    if (out != null) {
      Arrays.fill(out, 0, active, 0f);
      for (int s = 0; s < spikes; s++) {
        out[indices[s]] = spikeHeight;
      }
    }
    return spikes;
  }

  /**
   * Holds the inputs {@code u} of the stepped neurons for the steps to come ({@link #stepHeld}),
   * until the next reset or {@link #step}: their currents are computed once, and each step reads
   * them without a conversion from float.
   */
  public void holdInput(float[] u) {
    if (held == null) {
      held = new double[voltage.length];
    }
    for (int i = 0; i < active; i++) {
      held[i] = gain * u[i] + bias;
    }
    holding = true;
  }

  /**
   * As {@link #step(float[], float[], int[])} under the input last held ({@link #holdInput}),
   * without outputs: the same bits, the same spike indices in {@code spiked} (if not null).
   */
  public int stepHeld(int[] spiked) {
    if (!holding) {
      throw new IllegalStateException("no input held since the last reset or step");
    }
    return advance(null, spiked != null ? spiked : spikeIndices());
  }

  /** One step under inputs {@code u}, or the held currents if null; returns the spikes. */
  private int advance(float[] u, int[] indices) {
    return euler ? eulerStep(u, indices) : lifStep(u, indices);
  }

  /** The LIF rule of a step, chunk by chunk: inputs {@code u}, or the held currents if null. */
  private int lifStep(float[] u, int[] indices) {
    int spikes = 0;
    cursor = 0;
    nextRefractory.clear();
    for (int lo = 0; lo < active; lo += CHUNK) {
      int len = Math.min(CHUNK, active - lo);
      if (u == null) {
        quietStep(held, lo, len);
      } else {
        quietStep(u, lo, len);
      }
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
    return spikes;
  }

  /**
   * One step of {@link NeuronModel#NIR}: {@code v += dt/tau_rc (J - v)} with {@code J = gain u +
   * bias} (the folded current of the NIR graph, whose {@code v_leak = 0}, {@code r = 1}), a spike
   * when {@code v > 1}, then {@code v = 0}; no refractory period and no floor at 0.
   */
  private int eulerStep(float[] u, int[] indices) {
    double rate = dt / tauRc;
    int spikes = 0;
    for (int i = 0; i < active; i++) {
      double v = voltage[i];
      v += rate * (current(u, i) - v);
      if (v > 1) {
        indices[spikes++] = i;
        v = 0;
      }
      voltage[i] = (float) v;
    }
    return spikes;
  }

  /** The input current of neuron {@code i}: from input {@code u}, or held if that is null. */
  private double current(float[] u, int i) {
    return u == null ? held[i] : gain * u[i] + bias;
  }

  /**
   * {@code next} := the voltage of neurons {@code lo .. lo+len-1} after a full, quiet step, floored
   * at 0 as it will be stored. The floor cannot hide a spike (those are above 1), and refractory
   * neurons are redone from their stored voltage, so it is taken here rather than in a pass of its
   * own before {@link #store}. Every loop indexes its arrays alike: JDK 17's JIT vectorizes no loop
   * that reads and writes two arrays of one type at different offsets.
   */
  private void quietStep(float[] u, int lo, int len) {
    for (int i = lo; i < lo + len; i++) {
      current[i] = u[i];
    }
    for (int i = lo; i < lo + len; i++) {
      double v = voltage[i];
      next[i] = Math.max(v - (gain * current[i] + bias - v) * fullStepDecay, 0.0);
    }
  }

  /** As {@link #quietStep(float[], int, int)}, from the held currents. */
  private void quietStep(double[] currents, int lo, int len) {
    for (int i = lo; i < lo + len; i++) {
      double v = voltage[i];
      next[i] = Math.max(v - (currents[i] - v) * fullStepDecay, 0.0);
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
      double current = current(u, i);
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
          next[i] = quiet;
          endRefractoryStep(i, r);
          continue;
        }
        decay = Math.expm1(x);
      }
      double v = voltage[i];
      v -= (current - v) * decay;
      if (v > 1) {
        next[i] = v; // fire spikes it in order with the others
      } else {
        next[i] = Math.max(v, 0);
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
    for (int i = lo; i < lo + len; i++) {
      if (next[i] > 1) {
        chunkSpikes.add(i);
      }
    }
    for (int s = 0; s < chunkSpikes.size(); s++) {
      int i = chunkSpikes.get(s);
      next[i] = spike(i, next[i], current(u, i));
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

  /** Writes the chunk's voltages, each at least 0 and at most 1, rounded to float. */
  private void store(int lo, int len) {
    for (int i = lo; i < lo + len; i++) {
      voltage[i] = FloatRounding.of(next[i]);
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
    return (float) voltage[i];
  }
}
