package snnspark.worker.train;

import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import snnspark.worker.neuron.Seeds;

/**
 * Inverted dropout whose masks are a pure function of (seed, epoch, iteration, Spark partition):
 * the same run drops the same units whichever executor, thread or task attempt computes it.
 *
 * <p>DL4J's own {@code Dropout} draws from ND4J's thread-local generator, which Spark's pooled
 * executor threads carry from task to task, so two runs with one seed trained differently. The
 * partition keeps masks different across workers that are at the same iteration (DL4J's parameter
 * averaging advances the iteration count of every round, so rounds differ too). An earlier version
 * hashed the input instead; that made the masks, and so the whole loss curve, hinge on the last bit
 * of every activation, and two numerically equal implementations of a layer trained differently.
 *
 * <p>It can also add {@link SpikeNoise} to its inputs (the previous layer's neuron outputs) before
 * dropping: DL4J's dense layer has no place for it in its neurons, and a layer takes one dropout.
 */
public class SeededDropout implements IDropout {
  private static final long serialVersionUID = 1L;

  /** The draws of dropout (and the dense neurons' noise) apart from the conv layers' (0, 1). */
  private static final int DROPOUT_STREAM = 7;

  @JsonProperty private double retain;
  @JsonProperty private long seed;
  @JsonProperty private double noiseStdDev;
  @JsonProperty private float noiseThreshold;

  /** Which draws: {@link #DROPOUT_STREAM} before the output layer, its own before any other. */
  @JsonProperty private int stream = DROPOUT_STREAM;

  private transient float[] mask;

  /** For JSON deserialisation only. */
  public SeededDropout() {
    this(1, 0);
  }

  /** Keeps each input with probability {@code retain} (scaling kept ones by 1/retain). */
  public SeededDropout(double retain, long seed) {
    this(retain, seed, SpikeNoise.NONE);
  }

  /** Adds {@code noise} to the inputs, then keeps each with probability {@code retain}. */
  public SeededDropout(double retain, long seed, SpikeNoise noise) {
    this(retain, seed, noise.isOn() ? noise.outputStdDev() : 0, noise.thresholdOutput());
  }

  /**
   * As {@link #SeededDropout(double, long, SpikeNoise)}, for the inputs of DL4J layer {@code
   * layer}, which is not the output layer: its draws are its own, apart from the output layer's and
   * from the conv layers' noise (whose streams are their layer indices).
   */
  public SeededDropout(double retain, long seed, SpikeNoise noise, int layer) {
    this(retain, seed, noise);
    this.stream = INNER_STREAMS + layer;
  }

  /** The first stream of the dropouts before layers other than the output layer. */
  private static final int INNER_STREAMS = 1000;

  private SeededDropout(double retain, long seed, double noiseStdDev, float noiseThreshold) {
    if (!(retain > 0 && retain <= 1)) {
      throw new IllegalArgumentException("retain probability must lie in (0, 1], got " + retain);
    }
    this.retain = retain;
    this.seed = seed;
    this.noiseStdDev = noiseStdDev;
    this.noiseThreshold = noiseThreshold;
  }

  @Override
  public INDArray applyDropout(
      INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
    float[] x = input.dup('c').data().asFloat();
    SplittableRandom random =
        Seeds.forTrainingStep(seed, epoch, iteration, stream, TrainingPartition.current());
    if (noiseStdDev > 0) {
      SpikeNoise.add(x, x.length, noiseThreshold, noiseStdDev, random);
    }
    float keep = (float) (1 / retain);
    mask = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      mask[i] = random.nextDouble() < retain ? keep : 0f;
      x[i] *= mask[i];
    }
    return result.assign(Nd4j.create(x, input.shape(), 'c').castTo(result.dataType()));
  }

  @Override
  public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
    if (mask == null || mask.length != gradAtOutput.length()) {
      throw new IllegalStateException("backprop without a matching applyDropout");
    }
    float[] g = gradAtOutput.dup('c').data().asFloat();
    for (int i = 0; i < g.length; i++) {
      g[i] *= mask[i];
    }
    return gradAtInput.assign(
        Nd4j.create(g, gradAtOutput.shape(), 'c').castTo(gradAtInput.dataType()));
  }

  @Override
  public void clear() {
    mask = null;
  }

  @Override
  public SeededDropout clone() {
    SeededDropout copy = new SeededDropout(retain, seed, noiseStdDev, noiseThreshold);
    copy.stream = stream;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeededDropout d
        && d.retain == retain
        && d.seed == seed
        && d.stream == stream
        && d.noiseStdDev == noiseStdDev
        && (noiseStdDev == 0 || d.noiseThreshold == noiseThreshold);
  }

  @Override
  public int hashCode() {
    return Objects.hash(retain, seed, noiseStdDev, stream);
  }

  @Override
  public String toString() {
    return "SeededDropout(retain="
        + retain
        + ", seed="
        + seed
        + (noiseStdDev > 0 ? ", noise=" + noiseStdDev + " above " + noiseThreshold : "")
        + ")";
  }
}
