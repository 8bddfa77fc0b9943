package snnspark.driver.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import snnspark.driver.io.UserException;
import snnspark.driver.model.NirGraph.Tensor;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.sim.SimulationConfig;

/**
 * The trained network as a NIR graph (docs/outputs.md, "Export to NIR"): Input, then per layer of
 * its description a Conv2d, AvgPool2d or Affine (a Flatten before the first Affine that takes a
 * map), each Conv2d and Affine followed by a LIF, then the output Affine, an LI (the output probe's
 * lowpass) and Output, with an LI node after each LIF when the model has a synapse between layers;
 * for the tutorial's network Input, Conv2d, LIF, Conv2d, LIF, AvgPool2d, Flatten, Affine, LIF,
 * Affine, LI, Output.
 *
 * <p>NIR's LIF integrates {@code tau dv/dt = v_leak - v + r I} and fires at {@code v_threshold};
 * the project's neuron integrates towards {@code J = gain u + bias} and fires at 1. So each neuron
 * layer's fixed gain and bias are folded into the layer before it ({@code W' = gain W}, {@code b' =
 * gain b + bias}), and, since a NIR spike is a unit impulse where the project's has area {@code
 * amplitude}, the amplitude is folded into the weights after it. Every layer the project trains
 * maps exactly but a {@code same} convolution with more zeros after than before, which is refused;
 * the refractory period has no place in NIR's LIF ({@link #caveat}).
 */
public final class NirExporter {
  private NirExporter() {}

  /**
   * Refuses, in one line naming the model, a network NIR cannot represent exactly: a {@code same}
   * convolution whose padding is not the same on both sides (NIR's Conv2d pads symmetrically).
   */
  public static void checkExportable(String modelUri, SnnArchitecture arch) {
    try {
      List<LayerShape> layers = arch.layers();
      for (int i = 0; i < layers.size(); i++) {
        if (layers.get(i).spec() instanceof Conv c) {
          padding(arch, i, c);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(modelUri + ": " + e.getMessage());
    }
  }

  /**
   * The symmetric padding (rows, columns) of convolution {@code i}, as NIR writes it; refuses a
   * {@code same} padding that puts one more zero after than before (an odd total).
   */
  private static long[] padding(SnnArchitecture arch, int i, Conv c) {
    if (c.padding() == LayerSpec.Padding.VALID) {
      return new long[] {0, 0};
    }
    InputShape in = arch.inputOf(i);
    InputShape out = arch.layers().get(i).output();
    int rows = (out.height() - 1) * c.stride() + c.kernel() - in.height();
    int cols = (out.width() - 1) * c.stride() + c.kernel() - in.width();
    if (rows % 2 != 0 || cols % 2 != 0) {
      throw new IllegalArgumentException(
          "export to NIR: "
              + NetworkDescription.at(i, c)
              + "padding same adds "
              + Math.max(rows, 0)
              + "x"
              + Math.max(cols, 0)
              + " zeros, one more after than before, and NIR's Conv2d pads both sides alike"
              + " (use an odd kernel with stride 1, or padding valid)");
    }
    return new long[] {Math.max(rows, 0) / 2, Math.max(cols, 0) / 2};
  }

  /** The NIR graph of {@code net} ({@code arch}), with {@code synapseTau} between layers. */
  public static NirGraph graph(MultiLayerNetwork net, SnnArchitecture arch, double synapseTau) {
    NeuronParams n = arch.neurons();
    TrainedWeights trained = TrainedWeights.of(arch, net.params());
    List<LayerShape> layers = arch.layers();
    long pools = layers.stream().filter(l -> l.spec() instanceof AvgPool).count();
    NirGraph.Chain chain = new NirGraph.Chain();
    chain.then("input", "Input", Map.of("shape", chw(arch.input())));
    Fold fold = new Fold(n.gain(), n.bias());
    double spike = 1; // the scale of what enters a layer: 1 for the image, then the amplitude
    boolean flat = false;
    for (int i = 0, pool = 0; i < layers.size(); i++) {
      LayerShape layer = layers.get(i);
      InputShape in = arch.inputOf(i);
      if (layer.spec() instanceof Conv c) {
        chain.then(
            layer.name(),
            "Conv2d",
            conv(trained.layer(i), c, padding(arch, i, c), n.gain() * spike, fold, in));
      } else if (layer.spec() instanceof AvgPool p) {
        pool++;
        chain.then(pools == 1 ? "pool" : "pool" + pool, "AvgPool2d", pool(p.size()));
        continue;
      } else if (layer.spec() instanceof LayerSpec.Dropout) {
        continue;
      } else {
        if (!flat) {
          chain.then("flatten", "Flatten", flatten(in));
          flat = true;
        }
        boolean output = layer.spec() == null;
        chain.then(
            output ? "logits" : layer.name(),
            "Affine",
            affine(trained.layer(i), output ? spike : n.gain() * spike, output ? Fold.NONE : fold));
        if (output) {
          break;
        }
      }
      neurons(
          chain, layer.name(), chw(layer.output(), layer.spec() instanceof Conv), n, synapseTau);
      spike = n.amplitude();
    }
    long[] classes = {arch.classes()};
    chain.then("probe", "LI", lowpass(classes, SimulationConfig.OUTPUT_SYNAPSE_TAU));
    chain.then("output", "Output", Map.of("shape", classes));
    return chain.build();
  }

  private static long[] chw(InputShape shape) {
    return chw(shape, true);
  }

  /** A shape as NIR writes it: (C, H, W) for an image or map, (N) for a dense layer's units. */
  private static long[] chw(InputShape shape, boolean map) {
    return map
        ? new long[] {shape.channels(), shape.height(), shape.width()}
        : new long[] {shape.size()};
  }

  private static Map<String, Object> pool(long size) {
    Map<String, Object> pool = new LinkedHashMap<>();
    pool.put("kernel_size", new long[] {size, size});
    pool.put("stride", new long[] {size, size});
    pool.put("padding", new long[] {0, 0});
    return pool;
  }

  private static Map<String, Object> flatten(InputShape in) {
    Map<String, Object> flatten = new LinkedHashMap<>();
    flatten.put("start_dim", 0L); // NIR has no batch dimension: flatten all of (C, H, W)
    flatten.put("end_dim", -1L);
    flatten.put("input_type", chw(in));
    return flatten;
  }

  /**
   * A neuron layer {@code <layer>_lif}, and its synapse {@code <layer>_syn} (an LI node of unit DC
   * gain) when {@code synapseTau > 0}.
   */
  private static void neurons(
      NirGraph.Chain chain, String layer, long[] shape, NeuronParams n, double synapseTau) {
    Map<String, Object> lif = new LinkedHashMap<>();
    lif.put("tau", Tensor.filled(shape, n.tauRc()));
    lif.put("r", Tensor.filled(shape, 1));
    lif.put("v_leak", Tensor.filled(shape, 0));
    lif.put("v_threshold", Tensor.filled(shape, 1));
    lif.put("v_reset", Tensor.filled(shape, 0));
    chain.then(layer + "_lif", "LIF", lif);
    if (synapseTau > 0) {
      chain.then(layer + "_syn", "LI", lowpass(shape, synapseTau));
    }
  }

  /** An LI node that is the lowpass {@code tau y' = x - y}. */
  private static Map<String, Object> lowpass(long[] shape, double tau) {
    Map<String, Object> li = new LinkedHashMap<>();
    li.put("tau", Tensor.filled(shape, tau));
    li.put("r", Tensor.filled(shape, 1));
    li.put("v_leak", Tensor.filled(shape, 0));
    return li;
  }

  /**
   * A Conv2d node (kernels (out, in, kh, kw), a cross-correlation as NIR's): weights times {@code
   * scale}, biases {@code gain b + shift}.
   */
  private static Map<String, Object> conv(
      TrainedWeights.LayerWeights w,
      Conv c,
      long[] padding,
      double scale,
      Fold fold,
      InputShape in) {
    long[] shape = {c.filters(), in.channels(), c.kernel(), c.kernel()};
    Map<String, Object> conv = new LinkedHashMap<>();
    conv.put("input_shape", new long[] {in.height(), in.width()});
    conv.put("weight", new Tensor(shape, scaled(w.weights(), scale)));
    conv.put("stride", new long[] {c.stride(), c.stride()});
    conv.put("padding", padding);
    conv.put("dilation", new long[] {1, 1});
    conv.put("groups", 1L);
    conv.put("bias", bias(w.bias(), fold));
    return conv;
  }

  /**
   * An Affine node: the (in, out) weights transposed to NIR's (out, in) and times {@code scale},
   * biases folded by {@code fold}.
   */
  private static Map<String, Object> affine(
      TrainedWeights.LayerWeights w, double scale, Fold fold) {
    int out = w.bias().length;
    int in = w.weights().length / out;
    float[] t = new float[w.weights().length];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        t[o * in + i] = (float) (scale * w.weights()[i * out + o]);
      }
    }
    Map<String, Object> affine = new LinkedHashMap<>();
    affine.put("weight", new Tensor(new long[] {out, in}, t));
    affine.put("bias", bias(w.bias(), fold));
    return affine;
  }

  /**
   * How a layer's trained bias {@code b} becomes NIR's: {@code gain b + shift}, the input current
   * of the neurons it feeds ({@link #NONE} for the logits, which feed no neuron).
   */
  private record Fold(double gain, double shift) {
    static final Fold NONE = new Fold(1, 0);
  }

  private static Tensor bias(float[] b, Fold fold) {
    float[] folded = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      folded[i] = (float) (fold.gain() * b[i] + fold.shift());
    }
    return new Tensor(new long[] {b.length}, folded);
  }

  /** {@code values} times {@code scale}, each product in double and rounded once. */
  private static float[] scaled(float[] values, double scale) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) (scale * values[i]);
    }
    return out;
  }

  /**
   * What the graph cannot say about the model, in one line: NIR's LIF has no refractory period, so
   * a model trained with one runs somewhat differently (docs/results.md measures it).
   */
  public static Optional<String> caveat(SnnArchitecture arch) {
    double tauRef = arch.neurons().tauRef();
    if (tauRef == 0) {
      return Optional.empty();
    }
    return Optional.of(
        "note: NIR's LIF has no refractory period; the model's tau_ref = "
            + tauRef
            + " s is left out");
  }

  /** Writes the NIR file of {@code net} to {@code out}. */
  public static void write(
      MultiLayerNetwork net, SnnArchitecture arch, double synapseTau, OutputStream out)
      throws IOException {
    NirGraph graph = graph(net, arch, synapseTau);
    // jHDF writes to a local path only, so the file is built in a temporary one and copied.
    Path tmp = Files.createTempFile("snn-export", ".nir");
    try {
      NirFile.write(graph, tmp);
      Files.copy(tmp, out);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
