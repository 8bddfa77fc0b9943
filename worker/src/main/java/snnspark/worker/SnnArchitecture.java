package snnspark.worker;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import snnspark.datasets.Dataset;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.Seeds;

/**
 * The tutorial's network (docs/model.md, "Network"), defined once: conv 3x3x32, neurons, conv
 * 3x3x32, neurons, average pool 2x2, dense 128 into neurons, dropout, dense to the class logits. It
 * gives the geometry that training ({@code snnspark.worker.train.Dl4jNetworks}) and the spiking
 * simulators need, so sizes are never written twice.
 *
 * @param rows image height
 * @param cols image width
 * @param channels image channels
 * @param convFilters filters of each convolution
 * @param kernel convolution kernel size (square, valid, stride 1)
 * @param pool average-pool size and stride
 * @param denseUnits neurons in the dense layer
 * @param classes outputs
 * @param dropout fraction of dense-layer outputs dropped in training
 * @param neurons parameters of every neuron layer
 */
public record SnnArchitecture(
    int rows,
    int cols,
    int channels,
    int convFilters,
    int kernel,
    int pool,
    int denseUnits,
    int classes,
    double dropout,
    NeuronParams neurons)
    implements Serializable {

  /** The tutorial's network for 28x28 single-channel images. */
  public static final SnnArchitecture TUTORIAL =
      new SnnArchitecture(
          28, 28, 1, 32, 3, 2, 128, Dataset.NUM_CLASSES, 0.4, NeuronParams.TUTORIAL);

  /** The same network with {@code other} neurons in every neuron layer. */
  public SnnArchitecture withNeurons(NeuronParams other) {
    return new SnnArchitecture(
        rows, cols, channels, convFilters, kernel, pool, denseUnits, classes, dropout, other);
  }

  /** DL4J layer index of the first convolution. */
  public static final int CONV1 = 0;

  /** DL4J layer index of the second convolution. */
  public static final int CONV2 = 1;

  /** DL4J layer index of the average pool. */
  public static final int POOL = 2;

  /** DL4J layer index of the dense layer. */
  public static final int DENSE = 3;

  /** DL4J layer index of the output (logits) layer. */
  public static final int OUTPUT = 4;

  /** Names of the three neuron layers, in order, as reports use them. */
  public static final List<String> NEURON_LAYERS = List.of("conv1", "conv2", "dense");

  /** Checks the geometry works out (valid convolutions, an even pool). */
  public SnnArchitecture {
    if (rows <= 0 || cols <= 0 || channels <= 0 || convFilters <= 0 || kernel <= 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    int side2Rows = rows - 2 * (kernel - 1);
    int side2Cols = cols - 2 * (kernel - 1);
    if (side2Rows <= 0 || side2Cols <= 0 || side2Rows % pool != 0 || side2Cols % pool != 0) {
      throw new IllegalArgumentException(
          "a "
              + rows
              + "x"
              + cols
              + " image does not fit two valid "
              + kernel
              + "x"
              + kernel
              + " convolutions and a "
              + pool
              + "x"
              + pool
              + " pool");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
    }
  }

  /**
   * The layers in one line, e.g. {@code 28x28x1 > conv3x3x32 > conv3x3x32 > avgpool2 > dense128 >
   * 10}.
   */
  public String describe() {
    String conv = "conv" + kernel + "x" + kernel + "x" + convFilters;
    return rows
        + "x"
        + cols
        + "x"
        + channels
        + " > "
        + conv
        + " > "
        + conv
        + " > avgpool"
        + pool
        + " > dense"
        + denseUnits
        + " > "
        + classes;
  }

  /** Height of the first convolution's output. */
  public int conv1Rows() {
    return rows - kernel + 1;
  }

  /** Width of the first convolution's output. */
  public int conv1Cols() {
    return cols - kernel + 1;
  }

  /** Height of the second convolution's output. */
  public int conv2Rows() {
    return conv1Rows() - kernel + 1;
  }

  /** Width of the second convolution's output. */
  public int conv2Cols() {
    return conv1Cols() - kernel + 1;
  }

  /** Inputs of the dense layer: the pooled feature map, flattened (channel, row, column). */
  public int denseInputs() {
    return convFilters * (conv2Rows() / pool) * (conv2Cols() / pool);
  }

  /** Neurons per image in each neuron layer, in the order of {@link #NEURON_LAYERS}. */
  public int[] neuronsPerImage() {
    return new int[] {
      convFilters * conv1Rows() * conv1Cols(), convFilters * conv2Rows() * conv2Cols(), denseUnits
    };
  }

  /** Multiply-accumulates of the first convolution for one image. */
  public long conv1MacsPerImage() {
    return (long) convFilters * conv1Rows() * conv1Cols() * kernel * kernel * channels;
  }

  /** Multiply-accumulates of one dense forward pass of the rate network. */
  public long macsPerImage() {
    long conv1 = conv1MacsPerImage();
    long conv2 = (long) convFilters * conv2Rows() * conv2Cols() * kernel * kernel * convFilters;
    long dense = (long) denseInputs() * denseUnits;
    long output = (long) denseUnits * classes;
    return conv1 + conv2 + dense + output;
  }

  /**
   * Floating-point operations of one training step per image in its matrix products: the forward
   * pass, the weight gradients and the input gradients (each as many multiply-accumulates as the
   * forward pass, but the first layer needs no input gradient), two operations per
   * multiply-accumulate. About 36.6 M for the tutorial's network; the element-wise work is left
   * out.
   */
  public long trainingFlopsPerImage() {
    return 2 * (3 * macsPerImage() - conv1MacsPerImage());
  }

  /**
   * Synaptic targets of each neuron of a layer (per image, in the layer's (channel, row, column)
   * order): a conv1 neuron reaches every conv2 output whose window covers it, in all filters; a
   * conv2 neuron reaches the dense units through its pool; a dense neuron reaches the classes.
   */
  public int[] fanOut(int neuronLayer) {
    int[] fan = new int[neuronsPerImage()[neuronLayer]];
    switch (neuronLayer) {
      case 0 -> {
        int h1 = conv1Rows();
        int w1 = conv1Cols();
        for (int c = 0; c < convFilters; c++) {
          for (int y = 0; y < h1; y++) {
            int windowsY = coveringWindows(y, h1);
            for (int x = 0; x < w1; x++) {
              fan[(c * h1 + y) * w1 + x] = convFilters * windowsY * coveringWindows(x, w1);
            }
          }
        }
      }
      case 1 -> Arrays.fill(fan, denseUnits);
      case 2 -> Arrays.fill(fan, classes);
      default -> throw new IllegalArgumentException("no neuron layer " + neuronLayer);
    }
    return fan;
  }

  /** How many valid kernel windows over a line of {@code size} inputs cover position {@code i}. */
  private int coveringWindows(int i, int size) {
    int outputs = size - kernel + 1;
    return Math.min(i, outputs - 1) - Math.max(i - kernel + 1, 0) + 1;
  }

  /** The nonzero seed DL4J gets for the user's {@code seed} (ND4J reads 0 as "unseeded"). */
  public static long dl4jSeed(long seed) {
    return Seeds.forDl4j(seed);
  }
}
