package snnspark.driver.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.driver.io.UserException;
import snnspark.driver.model.NirGraph.Tensor;
import snnspark.worker.FloatArrays;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TutorialForm;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.sim.SimulationConfig;

/**
 * The trained network as a NIR graph (docs/outputs.md, "Export to NIR"): Input, Conv2d, LIF,
 * Conv2d, LIF, AvgPool2d, Flatten, Affine, LIF, Affine, LI (the output probe's lowpass), Output,
 * with an LI node after each LIF when the model has a synapse between layers.
 *
 * <p>NIR's LIF integrates {@code tau dv/dt = v_leak - v + r I} and fires at {@code v_threshold};
 * the project's neuron integrates towards {@code J = gain u + bias} and fires at 1. So each neuron
 * layer's fixed gain and bias are folded into the layer before it ({@code W' = gain W}, {@code b' =
 * gain b + bias}), and, since a NIR spike is a unit impulse where the project's has area {@code
 * amplitude}, the amplitude is folded into the weights after it. Every layer the project trains
 * (valid, stride-1 convolutions; an even average pool) maps exactly; only the refractory period has
 * no place in NIR's LIF ({@link #caveat}).
 */
public final class NirExporter {
  private NirExporter() {}

  /** Refuses, in one line naming the model, a network this mapping is not written for. */
  public static void checkExportable(String modelUri, SnnArchitecture arch) {
    try {
      form(arch);
    } catch (IllegalArgumentException e) {
      throw new UserException(modelUri + ": " + e.getMessage());
    }
  }

  private static TutorialForm form(SnnArchitecture arch) {
    return TutorialForm.required(arch, "export to NIR");
  }

  /** The NIR graph of {@code net} ({@code arch}), with {@code synapseTau} between layers. */
  public static NirGraph graph(MultiLayerNetwork net, SnnArchitecture arch, double synapseTau) {
    NeuronParams n = arch.neurons();
    double g = n.gain();
    double a = n.amplitude();
    TutorialForm form = form(arch);
    long f = form.filters();
    long[] image = {arch.channels(), arch.rows(), arch.cols()};
    long[] map1 = {f, form.conv1Rows(), form.conv1Cols()};
    long[] map2 = {f, form.conv2Rows(), form.conv2Cols()};
    long[] pooled = {f, form.conv2Rows() / form.pool(), form.conv2Cols() / form.pool()};
    NirGraph.Chain chain = new NirGraph.Chain();
    chain.then("input", "Input", Map.of("shape", image));
    Fold fold = new Fold(g, n.bias());
    chain.then("conv1", "Conv2d", conv(net, TutorialForm.CONV1, g, fold, image));
    neurons(chain, "conv1", map1, n, synapseTau);
    chain.then("conv2", "Conv2d", conv(net, TutorialForm.CONV2, g * a, fold, map1));
    neurons(chain, "conv2", map2, n, synapseTau);
    long p = form.pool();
    Map<String, Object> pool = new LinkedHashMap<>();
    pool.put("kernel_size", new long[] {p, p});
    pool.put("stride", new long[] {p, p});
    pool.put("padding", new long[] {0, 0});
    chain.then("pool", "AvgPool2d", pool);
    Map<String, Object> flatten = new LinkedHashMap<>();
    flatten.put("start_dim", 0L); // NIR has no batch dimension: flatten all of (C, H, W)
    flatten.put("end_dim", -1L);
    flatten.put("input_type", pooled);
    chain.then("flatten", "Flatten", flatten);
    chain.then("dense", "Affine", affine(net, TutorialForm.DENSE, g * a, fold));
    neurons(chain, "dense", new long[] {form.dense()}, n, synapseTau);
    chain.then("logits", "Affine", affine(net, TutorialForm.OUTPUT, a, Fold.NONE));
    long[] classes = {arch.classes()};
    chain.then("probe", "LI", lowpass(classes, SimulationConfig.OUTPUT_SYNAPSE_TAU));
    chain.then("output", "Output", Map.of("shape", classes));
    return chain.build();
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
   * A Conv2d node of DL4J layer {@code layer} (kernels already (out, in, kh, kw), and a
   * cross-correlation as NIR's): weights times {@code scale}, biases {@code gain b + shift}; valid
   * and stride 1, as every convolution the project trains.
   */
  private static Map<String, Object> conv(
      MultiLayerNetwork net, int layer, double scale, Fold fold, long[] inputShape) {
    INDArray w = net.getLayer(layer).getParam("W");
    Map<String, Object> conv = new LinkedHashMap<>();
    conv.put("input_shape", new long[] {inputShape[1], inputShape[2]});
    conv.put("weight", new Tensor(w.shape(), scaled(FloatArrays.flat(w), scale)));
    conv.put("stride", new long[] {1, 1});
    conv.put("padding", new long[] {0, 0});
    conv.put("dilation", new long[] {1, 1});
    conv.put("groups", 1L);
    conv.put("bias", bias(net, layer, fold));
    return conv;
  }

  /**
   * An Affine node of DL4J dense layer {@code layer}: DL4J's (in, out) weights transposed to NIR's
   * (out, in) and times {@code scale}, biases folded by {@code fold}.
   */
  private static Map<String, Object> affine(
      MultiLayerNetwork net, int layer, double scale, Fold fold) {
    INDArray w = net.getLayer(layer).getParam("W");
    int in = (int) w.size(0);
    int out = (int) w.size(1);
    float[] flat = FloatArrays.flat(w);
    float[] t = new float[flat.length];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        t[o * in + i] = (float) (scale * flat[i * out + o]);
      }
    }
    Map<String, Object> affine = new LinkedHashMap<>();
    affine.put("weight", new Tensor(new long[] {out, in}, t));
    affine.put("bias", bias(net, layer, fold));
    return affine;
  }

  /**
   * How a layer's trained bias {@code b} becomes NIR's: {@code gain b + shift}, the input current
   * of the neurons it feeds ({@link #NONE} for the logits, which feed no neuron).
   */
  private record Fold(double gain, double shift) {
    static final Fold NONE = new Fold(1, 0);
  }

  private static Tensor bias(MultiLayerNetwork net, int layer, Fold fold) {
    float[] b = FloatArrays.flat(net.getLayer(layer).getParam("b"));
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
