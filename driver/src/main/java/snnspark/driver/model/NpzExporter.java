package snnspark.driver.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
import snnspark.worker.neuron.NeuronParams;

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
    put(
        arrays,
        "conv1_kernel",
        net,
        SnnArchitecture.CONV1,
        "W",
        "conv 1 kernels (out, in, kh, kw)");
    put(arrays, "conv1_bias", net, SnnArchitecture.CONV1, "b", "conv 1 biases (out,)");
    put(
        arrays,
        "conv2_kernel",
        net,
        SnnArchitecture.CONV2,
        "W",
        "conv 2 kernels (out, in, kh, kw)");
    put(arrays, "conv2_bias", net, SnnArchitecture.CONV2, "b", "conv 2 biases (out,)");
    put(
        arrays,
        "dense_weights",
        net,
        SnnArchitecture.DENSE,
        "W",
        "dense weights (in, out); inputs are the 2x2-average-pooled conv 2 map flattened in (channel, row, column) order");
    put(arrays, "dense_bias", net, SnnArchitecture.DENSE, "b", "dense biases (out,)");
    put(
        arrays,
        "output_weights",
        net,
        SnnArchitecture.OUTPUT,
        "W",
        "output (logit) weights (in, out)");
    put(arrays, "output_bias", net, SnnArchitecture.OUTPUT, "b", "output biases (out,)");
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
