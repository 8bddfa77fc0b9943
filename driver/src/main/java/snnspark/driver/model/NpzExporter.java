package snnspark.driver.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.driver.io.Json;
import snnspark.worker.FloatArrays;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Padding;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

/**
 * Writes a trained model as a NumPy {@code .npz} (a zip of {@code .npy} files, format 1.0,
 * little-endian, C order) with a {@code manifest.json} naming every array, so NumPy, Nengo or
 * snnTorch can load the network without Java.
 */
public final class NpzExporter {
  private NpzExporter() {}

  /** One exported array: its shape, values and meaning. */
  record Array(long[] shape, float[] values, String description) {}

  /** The arrays of a trained network, in the layouts the manifest documents. */
  static Map<String, Array> arrays(MultiLayerNetwork net, SnnArchitecture arch) {
    Map<String, Array> arrays = new LinkedHashMap<>();
    List<LayerShape> layers = arch.layers();
    int[] dl4j = Dl4jNetworks.layerIndices(arch);
    for (int i = 0; i < layers.size(); i++) {
      LayerShape layer = layers.get(i);
      String name = layer.name();
      String said = spoken(name);
      if (layer.spec() instanceof Conv c) {
        String rule =
            c.stride() == 1 && c.padding() == Padding.VALID
                ? ""
                : ", stride " + c.stride() + ", padding " + c.padding().jsonName();
        put(
            arrays,
            name + "_kernel",
            net,
            dl4j[i],
            "W",
            said + " kernels (out, in, kh, kw)" + rule);
      } else if (layer.spec() == null || layer.spec() instanceof Dense) {
        put(
            arrays,
            name + "_weights",
            net,
            dl4j[i],
            "W",
            (layer.spec() == null ? "output (logit)" : said)
                + " weights (in, out)"
                + flattened(arch, i));
      } else {
        continue;
      }
      put(arrays, name + "_bias", net, dl4j[i], "b", said + " biases (out,)");
    }
    NeuronParams neurons = arch.neurons();
    arrays.put(
        "neuron_gain",
        new Array(
            new long[0],
            new float[] {(float) neurons.gain()},
            "gain of every neuron: J = gain * u + bias"));
    arrays.put(
        "neuron_bias",
        new Array(new long[0], new float[] {(float) neurons.bias()}, "bias of every neuron"));
    return arrays;
  }

  /** A layer's name as prose: {@code conv1} as {@code conv 1}, {@code dense} as itself. */
  private static String spoken(String name) {
    return name.replaceFirst("(\\D)(\\d)", "$1 $2");
  }

  /**
   * How a dense layer's inputs are ordered when they are a flattened map: {@code ; inputs are the
   * 2x2-average-pooled conv 2 map flattened in (channel, row, column) order}.
   */
  private static String flattened(SnnArchitecture arch, int dense) {
    List<LayerShape> layers = arch.layers();
    StringBuilder pools = new StringBuilder();
    for (int i = dense - 1; i >= 0; i--) {
      LayerSpec spec = layers.get(i).spec();
      if (spec instanceof AvgPool p) {
        pools.insert(0, p.size() + "x" + p.size() + "-average-pooled ");
      } else if (spec instanceof Conv) {
        return "; inputs are the "
            + pools
            + spoken(layers.get(i).name())
            + " map flattened in (channel, row, column) order";
      } else if (spec instanceof Dense) {
        return "";
      }
    }
    return "; inputs are the " + pools + "image flattened in (channel, row, column) order";
  }

  private static void put(
      Map<String, Array> arrays,
      String name,
      MultiLayerNetwork net,
      int layer,
      String param,
      String description) {
    INDArray p = net.getLayer(layer).getParam(param);
    long[] shape = param.equals("b") ? new long[] {p.length()} : p.shape();
    arrays.put(name, new Array(shape, FloatArrays.flat(p), description));
  }

  /** Writes the .npz of {@code net} to {@code out}. */
  public static void write(MultiLayerNetwork net, SnnArchitecture arch, OutputStream out)
      throws IOException {
    Map<String, Array> arrays = arrays(net, arch);
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, Array> a : arrays.entrySet()) {
      zip.putNextEntry(new ZipEntry(a.getKey() + ".npy"));
      zip.write(npy(a.getValue()));
      zip.closeEntry();
    }
    zip.putNextEntry(new ZipEntry("manifest.json"));
    zip.write(Json.MAPPER.writeValueAsBytes(manifest(arrays, arch)));
    zip.closeEntry();
    zip.finish();
  }

  private static Map<String, Object> manifest(Map<String, Array> arrays, SnnArchitecture arch) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", "snn-spark npz 1: float32 little-endian C-order arrays");
    manifest.put("architecture", arch.describe());
    manifest.put("neurons", arch.neurons());
    manifest.put("neuron_gain", arch.neurons().gain());
    manifest.put("neuron_bias", arch.neurons().bias());
    Map<String, Object> entries = new LinkedHashMap<>();
    arrays.forEach(
        (name, a) ->
            entries.put(
                name + ".npy",
                Map.of("shape", a.shape(), "dtype", "float32", "description", a.description())));
    manifest.put("arrays", entries);
    return manifest;
  }

  /** One array in NumPy's .npy format 1.0. */
  static byte[] npy(Array a) {
    String shape =
        a.shape().length == 1
            ? "(" + a.shape()[0] + ",)"
            : LongStream.of(a.shape())
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    StringBuilder header =
        new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
    // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, then
    // '\n'.
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf =
        ByteBuffer.allocate(10 + h.length + 4 * a.values().length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0);
    buf.putShort((short) h.length).put(h);
    for (float v : a.values()) {
      buf.putFloat(v);
    }
    return buf.array();
  }
}
