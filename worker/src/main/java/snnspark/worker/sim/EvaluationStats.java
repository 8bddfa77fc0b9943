package snnspark.worker.sim;

import java.io.Serializable;

/**
 * Counts from a spiking evaluation that add up across batches and partitions (a monoid: {@link
 * #merge} is associative and {@link #empty} its identity), so Spark can {@code treeReduce} them
 * without collecting per-image outputs.
 */
public final class EvaluationStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int steps;
  private final int classes;
  private final int neuronLayers;
  private long images;

  /** Wrong predictions after each step. */
  private final long[] wrongByStep;

  /** {@code [label][prediction]} after the last step. */
  private final long[] confusion;

  private final long[] spikes;
  private final long[] synapticEvents;

  /** Synaptic events of each step, over all images and layers. */
  private final long[] synapticEventsByStep;

  /** Spikes per neuron position within an image, per layer. */
  private final long[][] neuronSpikes;

  private double simulationSeconds;

  private EvaluationStats(int steps, int classes, int[] neuronsPerImage) {
    int neuronLayers = neuronsPerImage.length;
    this.steps = steps;
    this.classes = classes;
    this.neuronLayers = neuronLayers;
    this.wrongByStep = new long[steps];
    this.confusion = new long[classes * classes];
    this.spikes = new long[neuronLayers];
    this.synapticEvents = new long[neuronLayers];
    this.synapticEventsByStep = new long[steps];
    this.neuronSpikes = new long[neuronLayers][];
    for (int l = 0; l < neuronLayers; l++) {
      neuronSpikes[l] = new long[neuronsPerImage[l]];
    }
  }

  /** No images yet, for a network with {@code neuronsPerImage[l]} neurons in layer l. */
  public static EvaluationStats empty(int steps, int classes, int[] neuronsPerImage) {
    return new EvaluationStats(steps, classes, neuronsPerImage);
  }

  /** Adds one simulated batch, whose true labels are {@code labels}. */
  public EvaluationStats add(SpikingResult result, int[] labels, double seconds) {
    if (result.steps() != steps || result.classes() != classes) {
      throw new IllegalArgumentException("result of another shape");
    }
    for (int i = 0; i < result.images(); i++) {
      for (int t = 0; t < steps; t++) {
        if (result.predictions()[t][i] != labels[i]) {
          wrongByStep[t]++;
        }
      }
      confusion[labels[i] * classes + result.finalPrediction(i)]++;
    }
    SpikeCounts counts = result.counts();
    add(spikes, counts.spikes());
    add(synapticEvents, counts.synapticEvents());
    for (int l = 0; l < neuronLayers; l++) {
      add(neuronSpikes[l], counts.neuronSpikes()[l]);
    }
    add(synapticEventsByStep, counts.synapticEventsByStep());
    images += result.images();
    simulationSeconds += seconds;
    return this;
  }

  /** Adds {@code other} into this and returns this. */
  public EvaluationStats merge(EvaluationStats other) {
    if (other.steps != steps || other.classes != classes || other.neuronLayers != neuronLayers) {
      throw new IllegalArgumentException("statistics of another shape");
    }
    images += other.images;
    simulationSeconds += other.simulationSeconds;
    for (int i = 0; i < steps; i++) {
      wrongByStep[i] += other.wrongByStep[i];
    }
    for (int i = 0; i < confusion.length; i++) {
      confusion[i] += other.confusion[i];
    }
    for (int l = 0; l < neuronLayers; l++) {
      spikes[l] += other.spikes[l];
      synapticEvents[l] += other.synapticEvents[l];
      add(neuronSpikes[l], other.neuronSpikes[l]);
    }
    add(synapticEventsByStep, other.synapticEventsByStep);
    return this;
  }

  private static void add(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** Firing rate (Hz) of each neuron position of layer {@code l}, averaged over the images. */
  public double[] neuronRatesHz(int l, double dt) {
    double seconds = (double) images * steps * dt;
    double[] rates = new double[neuronSpikes[l].length];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = seconds == 0 ? 0 : neuronSpikes[l][i] / seconds;
    }
    return rates;
  }

  /** Images counted. */
  public long images() {
    return images;
  }

  /** Timesteps per image. */
  public int steps() {
    return steps;
  }

  /** Error (share of wrong predictions) after each step. */
  public double[] errorByStep() {
    double[] error = new double[steps];
    for (int t = 0; t < steps; t++) {
      error[t] = images == 0 ? 0 : (double) wrongByStep[t] / images;
    }
    return error;
  }

  /** Error after the last step. */
  public double finalError() {
    return errorByStep()[steps - 1];
  }

  /** Confusion counts after the last step, {@code [label][prediction]}. */
  public long[][] confusion() {
    long[][] matrix = new long[classes][classes];
    for (int i = 0; i < classes; i++) {
      System.arraycopy(confusion, i * classes, matrix[i], 0, classes);
    }
    return matrix;
  }

  /** Mean firing rate (Hz) of a neuron of layer {@code l}, given its size per image and dt. */
  public double meanRateHz(int l, int neuronsPerImage, double dt) {
    double neuronSeconds = (double) images * neuronsPerImage * steps * dt;
    return neuronSeconds == 0 ? 0 : spikes[l] / neuronSeconds;
  }

  /** Synaptic events per image caused by layer {@code l}'s spikes (over all steps). */
  public double synapticEventsPerImage(int l) {
    return images == 0 ? 0 : (double) synapticEvents[l] / images;
  }

  /**
   * Synaptic events per image of all layers up to and including each step: what an image shown for
   * {@code t + 1} steps costs in events.
   */
  public double[] cumulativeSynapticEventsPerImage() {
    double[] cumulative = new double[steps];
    long sum = 0;
    for (int t = 0; t < steps; t++) {
      sum += synapticEventsByStep[t];
      cumulative[t] = images == 0 ? 0 : (double) sum / images;
    }
    return cumulative;
  }

  /** Total spikes of layer {@code l}. */
  public long spikes(int l) {
    return spikes[l];
  }

  /** Seconds spent simulating, summed over tasks (CPU-side, not wall time). */
  public double simulationSeconds() {
    return simulationSeconds;
  }
}
