package snnspark.worker;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import snnspark.datasets.Dataset;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.Seeds;

/**
 * A network description sized for its images and classes, with the neurons of every neuron layer:
 * what training ({@code snnspark.worker.train.Dl4jNetworks}), both spiking simulators, the report
 * and the exports take, so sizes are never written twice. The tutorial's network on MNIST is {@link
 * #TUTORIAL}.
 *
 * @param input the images' shape
 * @param network the layers, the implicit output layer excluded
 * @param classes outputs
 * @param neurons parameters of every neuron layer
 */
public record SnnArchitecture(
    InputShape input, NetworkDescription network, int classes, NeuronParams neurons)
    implements Serializable {

  /** The tutorial's network for 28x28 single-channel images of MNIST's ten digits. */
  public static final SnnArchitecture TUTORIAL =
      new SnnArchitecture(
          new InputShape(28, 28, 1), NetworkDescription.TUTORIAL, 10, NeuronParams.TUTORIAL);

  /** Names of the tutorial's three neuron layers, in order, as reports use them. */
  public static final List<String> NEURON_LAYERS = NetworkDescription.TUTORIAL.neuronLayerNames();

  /**
   * Refuses, naming the layer, a description that does not fit {@code input} images and {@code
   * classes} outputs, and more classes than labels can name.
   */
  public SnnArchitecture {
    if (input == null || network == null || neurons == null) {
      throw new IllegalArgumentException("an architecture needs its input, network and neurons");
    }
    if (classes > Dataset.MAX_CLASSES) { // labels are bytes, as IDX files hold them
      throw new IllegalArgumentException(
          "a classifier of at most " + Dataset.MAX_CLASSES + " classes, got " + classes);
    }
    network.shapes(input, classes);
  }

  /**
   * The network {@code description} describes, for {@code input} images and {@code classes}
   * outputs, with {@code neurons} in every neuron layer.
   */
  public static SnnArchitecture of(
      NetworkDescription description, InputShape input, int classes, NeuronParams neurons) {
    return new SnnArchitecture(input, description, classes, neurons);
  }

  /** Image height. */
  public int rows() {
    return input.height();
  }

  /** Image width. */
  public int cols() {
    return input.width();
  }

  /** Image channels. */
  public int channels() {
    return input.channels();
  }

  /** Every layer sized for this input, then the output layer. */
  public List<LayerShape> layers() {
    return network.shapes(input, classes);
  }

  /** What layer {@code i} (from 0; {@code layers().size() - 1} is the output) takes. */
  public InputShape inputOf(int i) {
    return i == 0 ? input : layers().get(i - 1).output();
  }

  /** Names of the neuron layers, in order, as reports use them. */
  public List<String> neuronLayerNames() {
    return network.neuronLayerNames();
  }

  /** Positions in {@link #layers()} of the layers followed by neurons, in order. */
  public int[] neuronLayerIndices() {
    List<LayerShape> shapes = layers();
    return java.util.stream.IntStream.range(0, shapes.size())
        .filter(i -> shapes.get(i).hasNeurons())
        .toArray();
  }

  /** The same network with {@code other} neurons in every neuron layer. */
  public SnnArchitecture withNeurons(NeuronParams other) {
    return new SnnArchitecture(input, network, classes, other);
  }

  /**
   * The layers in one line, e.g. {@code 28x28x1 > conv3x3x32 > conv3x3x32 > avgpool2 > dense128 >
   * 10}; a stride or same padding is written after the kernel ({@code conv3x3x64/2same}).
   */
  public String describe() {
    StringBuilder line = new StringBuilder(input.toString());
    for (LayerSpec layer : network.layers()) {
      if (layer instanceof Conv c) {
        line.append(" > conv").append(c.kernel()).append('x').append(c.kernel());
        line.append('x').append(c.filters());
        if (c.stride() != 1) {
          line.append('/').append(c.stride());
        }
        if (c.padding() == LayerSpec.Padding.SAME) {
          line.append("same");
        }
      } else if (layer instanceof AvgPool p) {
        line.append(" > avgpool").append(p.size());
      } else if (layer instanceof Dense d) {
        line.append(" > dense").append(d.units());
      }
    }
    return line.append(" > ").append(classes).toString();
  }

  /** Neurons per image in each neuron layer, in the order of {@link #neuronLayerNames}. */
  public int[] neuronsPerImage() {
    return layers().stream()
        .filter(LayerShape::hasNeurons)
        .mapToInt(s -> Math.toIntExact(s.output().size()))
        .toArray();
  }

  /** Multiply-accumulates of layer {@code i} of {@link #layers()} for one image (0 for a pool). */
  private long macs(int i) {
    LayerShape shape = layers().get(i);
    InputShape in = inputOf(i);
    if (shape.spec() instanceof Conv c) {
      return shape.output().size() * c.kernel() * c.kernel() * in.channels();
    }
    boolean weighted = shape.spec() == null || shape.spec() instanceof Dense;
    return weighted ? in.size() * shape.output().size() : 0;
  }

  /** Multiply-accumulates of the first layer for one image: a constant input's, computed once. */
  public long firstLayerMacsPerImage() {
    return macs(0);
  }

  /** Multiply-accumulates of one dense forward pass of the rate network. */
  public long macsPerImage() {
    long sum = 0;
    for (int i = 0; i < layers().size(); i++) {
      sum += macs(i);
    }
    return sum;
  }

  /**
   * Floating-point operations of one training step per image in its matrix products: the forward
   * pass, the weight gradients and the input gradients (each as many multiply-accumulates as the
   * forward pass, but the first layer needs no input gradient), two operations per
   * multiply-accumulate. About 36.6 M for the tutorial's network; the element-wise work is left
   * out.
   */
  public long trainingFlopsPerImage() {
    return 2 * (3 * macsPerImage() - firstLayerMacsPerImage());
  }

  /**
   * Synaptic targets of each neuron of neuron layer {@code neuronLayer} (per image, in the layer's
   * (channel, row, column) order): the outputs of the next weighted layer (conv, dense or the
   * output) whose inputs it reaches, through the average pools between. A neuron that a pool's
   * truncation leaves out reaches nothing.
   */
  public int[] fanOut(int neuronLayer) {
    int[] neuronLayers = neuronLayerIndices();
    if (neuronLayer < 0 || neuronLayer >= neuronLayers.length) {
      throw new IllegalArgumentException("no neuron layer " + neuronLayer);
    }
    List<LayerShape> shapes = layers();
    int from = neuronLayers[neuronLayer];
    InputShape shape = shapes.get(from).output();
    // Where each neuron's value lands after the pools: its (row, column), or -1 when cut off.
    int[] row = new int[shape.height()];
    int[] col = new int[shape.width()];
    Arrays.setAll(row, i -> i);
    Arrays.setAll(col, i -> i);
    int next = from + 1;
    for (; !isWeighted(shapes.get(next)); next++) {
      if (shapes.get(next).spec() instanceof AvgPool p) {
        pool(row, p.size(), shapes.get(next).output().height());
        pool(col, p.size(), shapes.get(next).output().width());
      }
    }
    InputShape pooled = inputOf(next);
    LayerShape target = shapes.get(next);
    int[] rowFan = new int[pooled.height()];
    int[] colFan = new int[pooled.width()];
    int perPosition;
    if (target.spec() instanceof Conv c) {
      coveringWindows(rowFan, c, target.output().height());
      coveringWindows(colFan, c, target.output().width());
      perPosition = c.filters();
    } else {
      Arrays.fill(rowFan, 1);
      Arrays.fill(colFan, 1);
      perPosition = Math.toIntExact(target.output().size());
    }
    int[] fan = new int[Math.toIntExact(shape.size())];
    int h = shape.height();
    int w = shape.width();
    for (int c = 0; c < shape.channels(); c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean reached = row[y] >= 0 && col[x] >= 0;
          fan[(c * h + y) * w + x] = reached ? perPosition * rowFan[row[y]] * colFan[col[x]] : 0;
        }
      }
    }
    return fan;
  }

  private static boolean isWeighted(LayerShape layer) {
    return layer.spec() == null || layer.spec() instanceof Conv || layer.spec() instanceof Dense;
  }

  /** Maps positions through a pool of {@code size} with {@code outputs} windows (-1: cut off). */
  private static void pool(int[] position, int size, int outputs) {
    for (int i = 0; i < position.length; i++) {
      int p = position[i] < 0 ? -1 : position[i] / size;
      position[i] = p < outputs ? p : -1;
    }
  }

  /**
   * For each input position along a line, how many of {@code c}'s {@code outputs} windows read it.
   */
  private static void coveringWindows(int[] count, Conv c, int outputs) {
    int padBefore = 0;
    if (c.padding() == LayerSpec.Padding.SAME) {
      int total = Math.max((outputs - 1) * c.stride() + c.kernel() - count.length, 0);
      padBefore = total / 2;
    }
    for (int o = 0; o < outputs; o++) {
      int first = o * c.stride() - padBefore;
      for (int i = Math.max(first, 0); i < Math.min(first + c.kernel(), count.length); i++) {
        count[i]++;
      }
    }
  }

  /** The nonzero seed DL4J gets for the user's {@code seed} (ND4J reads 0 as "unseeded"). */
  public static long dl4jSeed(long seed) {
    return Seeds.forDl4j(seed);
  }
}
