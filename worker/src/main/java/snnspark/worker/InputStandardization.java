package snnspark.worker;

import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;

/**
 * Per-channel standardisation of the input images, {@code (x - mean) / std}, measured on the
 * training set.
 *
 * <p>The network trains on standardised images; the model it leaves has the standardisation folded
 * into its first weighted layer ({@link TrainedWeights#withStandardizedInput}), so every part that
 * runs a model (rate evaluation, both spiking simulators, {@code predict}, the exports) takes the
 * images as they come and applies it without knowing. Folding is exact for a dense layer and a
 * {@code valid} convolution; a padding convolution would pad with the mean instead of zero after
 * folding, so such a first layer is refused ({@link #checkFoldable}).
 *
 * @param mean per channel, of pixel values in [0, 1]
 * @param std per channel; a channel of one value everywhere gets 1 (it is only centred)
 */
public record InputStandardization(float[] mean, float[] std) implements Serializable {

  /** Below this deviation a channel counts as constant: dividing by it would blow it up. */
  private static final double CONSTANT_CHANNEL = 1e-6;

  /** Checks one finite mean and one positive deviation per channel. */
  public InputStandardization {
    if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException("input standardisation needs a mean and std per channel");
    }
    for (int c = 0; c < mean.length; c++) {
      if (!Float.isFinite(mean[c]) || !(std[c] > 0 && Float.isFinite(std[c]))) {
        throw new IllegalArgumentException(
            "input standardisation of channel " + c + ": mean " + mean[c] + ", std " + std[c]);
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** The standardisation of the images {@code moments} summed up. */
  public static InputStandardization of(ChannelMoments moments) {
    int channels = moments.channels();
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = moments.mean(c);
      double deviation = Math.sqrt(moments.variance(c));
      mean[c] = (float) m;
      std[c] = (float) (deviation < CONSTANT_CHANNEL ? 1 : deviation);
    }
    return new InputStandardization(mean, std);
  }

  /** Channels. */
  public int channels() {
    return mean.length;
  }

  /** The mean of channel {@code c}. */
  public float mean(int c) {
    return mean[c];
  }

  /** The deviation of channel {@code c}. */
  public float std(int c) {
    return std[c];
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** A minibatch with its NCHW features standardised, labels as they were. */
  public DataSet standardize(DataSet batch) {
    long[] shape = batch.getFeatures().shape();
    float[] values = FloatArrays.flat(batch.getFeatures());
    int perChannel = Math.toIntExact(shape[2] * shape[3]);
    standardize(values, perChannel);
    return new DataSet(Nd4j.create(values, shape, 'c'), batch.getLabels());
  }

  /** Standardises NCHW {@code values} in place, {@code perChannel} values per image channel. */
  public void standardize(float[] values, int perChannel) {
    int channels = channels();
    for (int i = 0; i < values.length; i++) {
      int c = (i / perChannel) % channels;
      values[i] = (values[i] - mean[c]) / std[c];
    }
  }

  /**
   * Refuses, naming the layer, a network whose first weighted layer is a convolution that pads: the
   * standardisation could not be folded into it exactly.
   */
  public static void checkFoldable(SnnArchitecture architecture) {
    LayerShape first = architecture.layers().get(firstWeighted(architecture));
    if (first.spec() instanceof Conv conv
        && conv.padding() == LayerSpec.Padding.SAME
        && conv.kernel() > 1) {
      throw new IllegalArgumentException(
          "layer "
              + first.index()
              + " (conv): input standardisation is folded into the first weighted layer, which"
              + " must not pad (after folding it would pad with the mean, not zero); use padding"
              + " valid there");
    }
  }

  /** Index in {@code architecture.layers()} of its first conv or dense layer (or the output). */
  static int firstWeighted(SnnArchitecture architecture) {
    int i = 0;
    for (LayerShape layer : architecture.layers()) {
      if (layer.spec() == null || layer.spec() instanceof Conv || layer.spec() instanceof Dense) {
        return i;
      }
      i++;
    }
    throw new IllegalStateException("no output layer");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputStandardization s
        && Arrays.equals(mean, s.mean)
        && Arrays.equals(std, s.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "InputStandardization[mean="
        + Arrays.toString(mean)
        + ", std="
        + Arrays.toString(std)
        + "]";
  }
}
