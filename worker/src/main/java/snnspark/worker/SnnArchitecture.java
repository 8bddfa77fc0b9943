package snnspark.worker;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import snnspark.datasets.Dataset;

/**
 * The seed's network (SPEC.md section 2), defined once: conv 3x3x32, neurons, conv 3x3x32, neurons,
 * average pool 2x2, dense 128 into neurons, dropout, dense to the class logits. It builds the DL4J
 * configuration for training (SoftLIF neurons) and gives the geometry the spiking simulator needs,
 * so sizes are never written twice.
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

  /** The seed's network for 28x28 single-channel images. */
  public static final SnnArchitecture SEED =
      new SnnArchitecture(28, 28, 1, 32, 3, 2, 128, Dataset.NUM_CLASSES, 0.4, NeuronParams.SEED);

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
  public static final java.util.List<String> NEURON_LAYERS =
      java.util.List.of("conv1", "conv2", "dense");

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

  /** Multiply-accumulates of one dense forward pass of the rate network. */
  public long macsPerImage() {
    long conv1 = (long) convFilters * conv1Rows() * conv1Cols() * kernel * kernel * channels;
    long conv2 = (long) convFilters * conv2Rows() * conv2Cols() * kernel * kernel * convFilters;
    long dense = (long) denseInputs() * denseUnits;
    long output = (long) denseUnits * classes;
    return conv1 + conv2 + dense + output;
  }

  /**
   * Floating-point operations of one training step per image in its matrix products: the forward
   * pass, the weight gradients and the input gradients (each as many multiply-accumulates as the
   * forward pass, but the first layer needs no input gradient), two operations per
   * multiply-accumulate. About 36.6 M for the seed's network; the element-wise work is left out.
   */
  public long trainingFlopsPerImage() {
    long conv1 = (long) convFilters * conv1Rows() * conv1Cols() * kernel * kernel * channels;
    return 2 * (3 * macsPerImage() - conv1);
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
      case 1 -> java.util.Arrays.fill(fan, denseUnits);
      case 2 -> java.util.Arrays.fill(fan, classes);
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

  /**
   * The network with identity "neurons" over trained {@code params}: each layer then computes only
   * its linear part (convolution, pool, weights plus bias), which the spiking simulators use.
   */
  public MultiLayerNetwork linearNetwork(org.nd4j.linalg.api.ndarray.INDArray params) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            configuration(new org.nd4j.linalg.activations.impl.ActivationIdentity(), 0));
    net.init(params.dup(), false);
    return net;
  }

  /**
   * The training network: SoftLIF neurons, Glorot-uniform weights, AdaDelta, dropout; the
   * convolutions are {@link FusedConvolutionLayer}s.
   */
  public MultiLayerConfiguration trainingConfiguration(long seed) {
    return trainingConfiguration(seed, 0);
  }

  /**
   * The training network whose neurons get {@link SpikeNoise} of {@code noiseHz} while training (0:
   * none, the seed's training).
   */
  public MultiLayerConfiguration trainingConfiguration(long seed, double noiseHz) {
    return configuration(
        new SoftLifActivation(neurons), seed, true, new SpikeNoise(noiseHz, neurons));
  }

  /**
   * The same training network built the straightforward way, with DL4J's own convolution layers:
   * the baseline of {@code snn bench training}, kept to measure the fast one against. Both have the
   * same parameters in the same order and start from the same values for the same seed.
   */
  public MultiLayerConfiguration baselineTrainingConfiguration(long seed) {
    return configuration(new SoftLifActivation(neurons), seed, false, SpikeNoise.NONE);
  }

  /**
   * The network with {@code neuron} as the nonlinearity of every neuron layer, with DL4J's own
   * convolution layers. The spiking simulator uses identity here to get each layer's linear input.
   */
  public MultiLayerConfiguration configuration(IActivation neuron, long seed) {
    return configuration(neuron, seed, false, SpikeNoise.NONE);
  }

  private ConvolutionLayer convolution(IActivation neuron, boolean fused, SpikeNoise noise) {
    ConvolutionLayer.Builder builder =
        new ConvolutionLayer.Builder(kernel, kernel).nOut(convFilters).activation(neuron);
    if (!fused && noise.isOn()) {
      throw new IllegalArgumentException("training noise needs the fused convolution layers");
    }
    return fused ? new FusedConvolutionLayer(builder, noise.stdDevHz()) : builder.build();
  }

  private MultiLayerConfiguration configuration(
      IActivation neuron, long seed, boolean fused, SpikeNoise noise) {
    return new NeuralNetConfiguration.Builder()
        .seed(dl4jSeed(seed))
        .dataType(DataType.FLOAT)
        .updater(new AdaDelta())
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .convolutionMode(ConvolutionMode.Truncate)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .list()
        .layer(CONV1, convolution(neuron, fused, noise))
        .layer(CONV2, convolution(neuron, fused, noise))
        .layer(
            POOL,
            new SubsamplingLayer.Builder(PoolingType.AVG)
                .kernelSize(pool, pool)
                .stride(pool, pool)
                .build())
        .layer(DENSE, new DenseLayer.Builder().nOut(denseUnits).activation(neuron).build())
        .layer(
            OUTPUT,
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                // DL4J drops a layer's inputs and takes the probability of keeping them.
                // The dense neurons' training noise comes with the dropout on their outputs.
                .dropOut(new SeededDropout(1 - dropout, dl4jSeed(seed), noise))
                .build())
        .setInputType(InputType.convolutional(rows, cols, channels))
        .build();
  }
}
