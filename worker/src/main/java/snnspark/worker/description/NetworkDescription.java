package snnspark.worker.description;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;

/**
 * A network as a stack of layers, read from its user's JSON (docs/networks.md). The output layer,
 * dense to the classes with no neurons, is implicit; the input shape comes from the data. Errors
 * name the layer by position (from 1) and type, e.g. {@code layer 3 (conv): a 5x5 kernel does not
 * fit its 2x2 input}.
 *
 * @param layers the layers from input to output, output layer excluded
 */
public record NetworkDescription(List<LayerSpec> layers) implements Serializable {

  /**
   * The most parameters a network may have: 1 GiB of floats, which training holds three times
   * (weights and AdaDelta's two running means) on every executor and the driver, and broadcasts.
   * Far above the networks this project trains (the tutorial's has 0.6 million), it keeps every
   * count of them an int (DL4J's gradient view overflowed at 2.5 billion).
   */
  public static final long MAX_PARAMETERS = 1L << 28;

  /**
   * The tutorial's network (docs/model.md, "Network"): conv 3x3x32, conv 3x3x32, average pool 2x2,
   * dense 128, dropout 0.4.
   */
  public static final NetworkDescription TUTORIAL =
      new NetworkDescription(
          List.of(
              new Conv(32, 3), new Conv(32, 3), new AvgPool(2), new Dense(128), new Dropout(0.4)));

  /** Rejects a stack no spiking network can be made of, naming the first layer at fault. */
  public NetworkDescription {
    if (layers == null || layers.stream().noneMatch(LayerSpec::hasNeurons)) {
      throw new IllegalArgumentException(
          "no conv or dense layer: a spiking network needs at least one layer of neurons");
    }
    layers = List.copyOf(layers);
    boolean flat = false;
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec layer = layers.get(i);
      if (flat && (layer instanceof Conv || layer instanceof AvgPool)) {
        throw new IllegalArgumentException(
            at(i, layer)
                + "follows a dense layer, but takes an image: put it before the first dense");
      }
      flat |= layer instanceof Dense;
      LayerSpec next = i + 1 < layers.size() ? layers.get(i + 1) : null;
      if (layer instanceof Dropout && (next instanceof Dropout || next instanceof AvgPool)) {
        throw new IllegalArgumentException(
            at(i, layer)
                + "dropout drops the inputs of the next conv or dense layer, but "
                + next.type()
                + " follows it: put it after the "
                + next.type());
      }
    }
  }

  /**
   * Each layer sized for {@code input} images and {@code classes} outputs, then the output layer.
   * Refuses a layer that shrinks its input to nothing.
   */
  public List<LayerShape> shapes(InputShape input, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
    }
    List<String> names = names();
    List<LayerShape> shapes = new ArrayList<>();
    InputShape in = input;
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec layer = layers.get(i);
      InputShape out = output(i, layer, in);
      shapes.add(new LayerShape(i + 1, names.get(i), layer, out, parameters(layer, in)));
      in = out;
    }
    InputShape logits = new InputShape(1, 1, classes);
    shapes.add(
        new LayerShape(layers.size() + 1, "output", null, logits, (in.size() + 1) * classes));
    long total = shapes.stream().mapToLong(LayerShape::parameters).sum();
    if (total > MAX_PARAMETERS) {
      throw new IllegalArgumentException(
          "the network has " + total + " parameters, more than " + MAX_PARAMETERS);
    }
    return List.copyOf(shapes);
  }

  /**
   * The names reports and tables use, one per layer: neuron layers by type and position ({@code
   * conv1}, {@code conv2}, {@code dense1}, ...), with a lone dense layer called {@code dense} (so
   * the tutorial's are {@code conv1}, {@code conv2}, {@code dense}); other layers the same way
   * ({@code avgpool1}, {@code dropout1}).
   */
  public List<String> names() {
    Map<String, Integer> total = new HashMap<>();
    layers.forEach(l -> total.merge(l.type(), 1, Integer::sum));
    Map<String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (LayerSpec layer : layers) {
      int n = seen.merge(layer.type(), 1, Integer::sum);
      boolean lone = layer instanceof Dense && total.get(layer.type()) == 1;
      names.add(lone ? layer.type() : layer.type() + n);
    }
    return names;
  }

  /** The names of the layers followed by neurons, in order. */
  public List<String> neuronLayerNames() {
    List<String> names = names();
    List<String> neurons = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).hasNeurons()) {
        neurons.add(names.get(i));
      }
    }
    return neurons;
  }

  private static InputShape output(int i, LayerSpec layer, InputShape in) {
    try {
      if (layer instanceof Conv c) {
        return convOutput(i, c, in);
      } else if (layer instanceof AvgPool p) {
        return poolOutput(i, p, in);
      } else if (layer instanceof Dense d) {
        return new InputShape(1, 1, d.units());
      }
      return in; // dropout keeps the shape
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw message.startsWith(at(i, layer))
          ? e
          : new IllegalArgumentException(at(i, layer) + "its output: " + message, e);
    }
  }

  private static InputShape convOutput(int i, Conv c, InputShape in) {
    int h = c.outputs(in.height());
    int w = c.outputs(in.width());
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException(
          at(i, c)
              + "a "
              + c.kernel()
              + "x"
              + c.kernel()
              + " kernel does not fit its "
              + in.height()
              + "x"
              + in.width()
              + " input (use padding same or a smaller kernel)");
    }
    return new InputShape(h, w, c.filters());
  }

  private static InputShape poolOutput(int i, AvgPool p, InputShape in) {
    if (in.height() < p.size() || in.width() < p.size()) {
      throw new IllegalArgumentException(
          at(i, p)
              + "a "
              + p.size()
              + "x"
              + p.size()
              + " pool does not fit its "
              + in.height()
              + "x"
              + in.width()
              + " input");
    }
    return new InputShape(in.height() / p.size(), in.width() / p.size(), in.channels());
  }

  private static long parameters(LayerSpec layer, InputShape in) {
    if (layer instanceof Conv c) {
      return ((long) c.kernel() * c.kernel() * in.channels() + 1) * c.filters();
    } else if (layer instanceof Dense d) {
      return (in.size() + 1) * d.units();
    }
    return 0; // pooling and dropout learn nothing
  }

  /** {@code layer N (type): }, the prefix of every error about layer {@code i} (from 0). */
  public static String at(int i, LayerSpec layer) {
    return "layer " + (i + 1) + " (" + layer.type() + "): ";
  }
}
