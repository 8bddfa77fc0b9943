package snnspark.worker;

import java.io.Serializable;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;

/**
 * What the driver broadcasts to executors: the architecture and its trained parameters as plain
 * float32 (DL4J's flat parameter order), so executors need no model file and no DL4J serialisation.
 * {@link #layer} reads one layer's weights and biases out of it without building a DL4J network.
 *
 * @param architecture the network the parameters belong to
 * @param params DL4J's flattened parameter vector
 */
public record TrainedWeights(SnnArchitecture architecture, float[] params) implements Serializable {

  /** Copies the parameters of a trained network. */
  public static TrainedWeights of(SnnArchitecture architecture, INDArray params) {
    return new TrainedWeights(architecture, FloatArrays.flat(params));
  }

  /** The parameters as an ND4J row vector. */
  public INDArray paramsArray() {
    return Nd4j.create(params, new long[] {1, params.length}, 'c');
  }

  /**
   * One weighted layer's parameters.
   *
   * @param weights a convolution's {@code [out][in][ky][kx]}, a dense layer's (or the output's)
   *     {@code [in][out]}, row-major
   * @param bias one per output channel or unit
   */
  public record LayerWeights(float[] weights, float[] bias) {}

  /**
   * The weights and biases of layer {@code i} of {@code architecture.layers()} (the last is the
   * output layer), which must be a conv or dense layer or the output. In DL4J's flat vector the
   * layers follow one another; a convolution holds its biases and then its weights, a dense layer
   * its weights, column-major ({@code 'f'}), and then its biases.
   */
  public LayerWeights layer(int i) {
    List<LayerShape> layers = architecture.layers();
    int offset = offsetOf(i);
    LayerShape layer = layers.get(i);
    InputShape in = architecture.inputOf(i);
    if (layer.spec() instanceof Conv c) {
      int filters = c.filters();
      float[] bias = slice(offset, filters);
      return new LayerWeights(slice(offset + filters, (int) layer.parameters() - filters), bias);
    }
    if (layer.spec() != null && !(layer.spec() instanceof Dense)) {
      throw new IllegalArgumentException(layer.name() + " has no weights");
    }
    int inputs = Math.toIntExact(in.size());
    int units = Math.toIntExact(layer.output().size());
    float[] weights = new float[inputs * units];
    for (int u = 0; u < units; u++) {
      for (int x = 0; x < inputs; x++) {
        weights[x * units + u] = params[offset + u * inputs + x];
      }
    }
    return new LayerWeights(weights, slice(offset + inputs * units, units));
  }

  /**
   * The parameters of the same network taking images as they come where these took them {@code
   * standardization}'s way: the first weighted layer's weights divided by their input channel's
   * deviation, its biases less what the means contributed. Exact for the layers {@link
   * InputStandardization#checkFoldable} lets through.
   */
  public TrainedWeights withStandardizedInput(InputStandardization standardization) {
    InputStandardization.checkFoldable(architecture);
    int first = InputStandardization.firstWeighted(architecture);
    List<LayerShape> layers = architecture.layers();
    int offset = offsetOf(first);
    InputShape in = architecture.inputOf(first);
    if (in.channels() != standardization.channels()) {
      throw new IllegalArgumentException(
          "a standardisation of "
              + standardization.channels()
              + " channels for images of "
              + in.channels());
    }
    float[] folded = params.clone();
    LayerShape layer = layers.get(first);
    if (layer.spec() instanceof Conv c) {
      int perFilter = Math.toIntExact((layer.parameters() - c.filters()) / c.filters());
      foldConv(folded, offset, c.filters(), perFilter / in.channels(), standardization);
    } else {
      int units = Math.toIntExact(layer.output().size());
      foldDense(folded, offset, units, in, standardization);
    }
    return new TrainedWeights(architecture, folded);
  }

  /**
   * Biases then weights {@code [out][in][ky][kx]}, row-major, from {@code offset}; {@code
   * perChannel} weights per filter and input channel.
   */
  private static void foldConv(
      float[] p, int offset, int filters, int perChannel, InputStandardization standardization) {
    int weightsPerFilter = perChannel * standardization.channels();
    for (int o = 0; o < filters; o++) {
      double shift = 0;
      int from = offset + filters + o * weightsPerFilter;
      for (int k = 0; k < weightsPerFilter; k++) {
        int c = k / perChannel;
        p[from + k] /= standardization.std(c);
        shift += (double) p[from + k] * standardization.mean(c);
      }
      p[offset + o] = (float) (p[offset + o] - shift);
    }
  }

  /** Weights column-major ({@code [out][in]} in memory) then biases, from {@code offset}. */
  private static void foldDense(
      float[] p, int offset, int units, InputShape in, InputStandardization standardization) {
    int inputs = Math.toIntExact(in.size());
    int perChannel = Math.toIntExact(in.height() * in.width());
    for (int u = 0; u < units; u++) {
      double shift = 0;
      int from = offset + u * inputs;
      for (int x = 0; x < inputs; x++) {
        int c = x / perChannel;
        p[from + x] /= standardization.std(c);
        shift += (double) p[from + x] * standardization.mean(c);
      }
      int bias = offset + units * inputs + u;
      p[bias] = (float) (p[bias] - shift);
    }
  }

  /** Where layer {@code i}'s parameters start in the flat vector: after every layer before it. */
  private int offsetOf(int i) {
    List<LayerShape> layers = architecture.layers();
    int offset = 0;
    for (int j = 0; j < i; j++) {
      offset += Math.toIntExact(layers.get(j).parameters());
    }
    return offset;
  }

  private float[] slice(int from, int length) {
    float[] part = new float[length];
    System.arraycopy(params, from, part, 0, length);
    return part;
  }
}
