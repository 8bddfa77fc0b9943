package snnspark.worker;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import snnspark.datasets.Dataset;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.Seeds;

/**
 * A network of the tutorial's form (docs/model.md, "Network"): conv, neurons, conv of the same
 * size, neurons, average pool, dense into neurons, dropout, dense to the class logits. It gives the
 * geometry that training ({@code snnspark.worker.train.Dl4jNetworks}) and the spiking simulators
 * need, so sizes are never written twice. A user's {@link NetworkDescription} of this form becomes
 * one through {@link #of}; the tutorial's own sizes are {@link #TUTORIAL}.
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
      of(
          NetworkDescription.TUTORIAL,
          new InputShape(28, 28, 1),
          Dataset.NUM_CLASSES,
          NeuronParams.TUTORIAL);

  /**
   * The network {@code description} describes, for {@code input} images and {@code classes}
   * outputs, with {@code neurons} in every neuron layer. Refuses, naming the layer, a description
   * that does not fit the input and one that is not of the tutorial's form, the only form the fused
   * training kernels and the simulators take yet.
   */
  public static SnnArchitecture of(
      NetworkDescription description, InputShape input, int classes, NeuronParams neurons) {
    List<LayerShape> shapes = description.shapes(input, classes);
    List<LayerSpec> layers = description.layers();
    Conv conv = tutorialForm(layers);
    int convSide = shapes.get(CONV2).output().height();
    int convWidth = shapes.get(CONV2).output().width();
    int pool = ((AvgPool) layers.get(POOL)).size();
    if (convSide % pool != 0 || convWidth % pool != 0) {
      throw new IllegalArgumentException(
          NetworkDescription.at(POOL, layers.get(POOL))
              + "its "
              + convSide
              + "x"
              + convWidth
              + " input does not divide into "
              + pool
              + "x"
              + pool
              + " windows");
    }
    double dropout = layers.size() > DENSE + 1 ? ((Dropout) layers.get(DENSE + 1)).rate() : 0;
    return new SnnArchitecture(
        input.height(),
        input.width(),
        input.channels(),
        conv.filters(),
        conv.kernel(),
        pool,
        ((Dense) layers.get(DENSE)).units(),
        classes,
        dropout,
        neurons);
  }

  /** The first convolution of a description of the tutorial's form; refuses any other. */
  private static Conv tutorialForm(List<LayerSpec> layers) {
    List<Class<?>> form =
        List.of(Conv.class, Conv.class, AvgPool.class, Dense.class, Dropout.class);
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec layer = layers.get(i);
      boolean fits =
          i < form.size()
              && form.get(i).isInstance(layer)
              && (!(layer instanceof Conv c)
                  || (c.stride() == 1
                      && c.padding() == LayerSpec.Padding.VALID
                      && c.equals(layers.get(0))));
      if (!fits) {
        throw notTutorialForm(NetworkDescription.at(i, layer));
      }
    }
    if (layers.size() <= DENSE) {
      throw notTutorialForm("the network ends after layer " + layers.size() + ": ");
    }
    return (Conv) layers.get(0);
  }

  private static IllegalArgumentException notTutorialForm(String where) {
    return new IllegalArgumentException(
        where
            + "this build trains and simulates networks of the tutorial's form only: conv, conv"
            + " (the same filters and kernel, stride 1, padding valid), avgpool, dense, and"
            + " optionally dropout");
  }

  /** The description of this network (without a dropout layer when it drops nothing). */
  public NetworkDescription network() {
    List<LayerSpec> layers = new ArrayList<>();
    Conv conv = new Conv(convFilters, kernel);
    layers.add(conv);
    layers.add(conv);
    layers.add(new AvgPool(pool));
    layers.add(new Dense(denseUnits));
    if (dropout > 0) {
      layers.add(new Dropout(dropout));
    }
    return new NetworkDescription(layers);
  }

  /** The shape of the images the network takes. */
  public InputShape input() {
    return new InputShape(rows, cols, channels);
  }

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
  public static final List<String> NEURON_LAYERS = NetworkDescription.TUTORIAL.neuronLayerNames();

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
