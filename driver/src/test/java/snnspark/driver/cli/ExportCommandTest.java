package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.driver.io.Json;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.model.TrainingRun;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/** {@code snn export --format npz}, read back with an independent reader (zip + .npy header). */
class ExportCommandTest {
  private static final int TUTORIAL_CONV1 = 0; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_CONV2 = 1; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_DENSE = 3; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_OUTPUT = 4; // its DL4J layer index in the tutorial's network
  @TempDir Path dir;

  /** An array as a NumPy reader sees it. */
  private record Npy(String descr, boolean fortran, long[] shape, float[] values) {}

  private static final Pattern HEADER =
      Pattern.compile(
          "\\{'descr': '([^']+)', 'fortran_order': (True|False), 'shape': \\(([^)]*)\\), \\}\\s*");

  private static Npy parse(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals((byte) 0x93, buf.get());
    byte[] magic = new byte[5];
    buf.get(magic);
    assertEquals("NUMPY", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(1, buf.get()); // major version
    assertEquals(0, buf.get());
    int headerLength = Short.toUnsignedInt(buf.getShort());
    assertEquals(0, (10 + headerLength) % 64, "header aligned");
    byte[] header = new byte[headerLength];
    buf.get(header);
    Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
    assertTrue(m.matches(), new String(header, StandardCharsets.US_ASCII));
    String dims = m.group(3).strip();
    long[] shape =
        dims.isEmpty()
            ? new long[0]
            : java.util.Arrays.stream(dims.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong)
                .toArray();
    float[] values = new float[buf.remaining() / 4];
    buf.asFloatBuffer().get(values);
    return new Npy(m.group(1), m.group(2).equals("True"), shape, values);
  }

  @Test
  void npzHoldsEveryParameterWithDocumentedNamesAndShapes() throws IOException {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, 5));
    net.init();
    String model = saved(net, arch);
    Path npz = dir.resolve("export/model.npz");

    CliRunner.Result result =
        CliRunner.run("export", "--model", model, "--format", "npz", "--out", npz.toString());

    assertEquals(0, result.exitCode(), result.err());
    JsonNode manifest = manifest(npz);
    Map<String, Npy> arrays = arrays(npz);
    Object[][] expected = {
      {"conv1_kernel", TUTORIAL_CONV1, "W", new long[] {32, 1, 3, 3}},
      {"conv1_bias", TUTORIAL_CONV1, "b", new long[] {32}},
      {"conv2_kernel", TUTORIAL_CONV2, "W", new long[] {32, 32, 3, 3}},
      {"conv2_bias", TUTORIAL_CONV2, "b", new long[] {32}},
      {"dense_weights", TUTORIAL_DENSE, "W", new long[] {4608, 128}},
      {"dense_bias", TUTORIAL_DENSE, "b", new long[] {128}},
      {"output_weights", TUTORIAL_OUTPUT, "W", new long[] {128, 10}},
      {"output_bias", TUTORIAL_OUTPUT, "b", new long[] {10}},
    };
    for (Object[] e : expected) {
      String name = (String) e[0];
      Npy npy = arrays.get(name);
      assertEquals("<f4", npy.descr(), name);
      assertEquals(false, npy.fortran(), name);
      assertArrayEquals((long[]) e[3], npy.shape(), name);
      INDArray param = net.getLayer((int) e[1]).getParam((String) e[2]);
      assertArrayEquals(param.dup('c').reshape(param.length()).toFloatVector(), npy.values(), name);
      assertTrue(manifest.get("arrays").has(name + ".npy"), name);
    }
    assertEquals(10, arrays.size());
    assertArrayEquals(new long[0], arrays.get("neuron_gain").shape());
    assertEquals((float) arch.neurons().gain(), arrays.get("neuron_gain").values()[0]);
    assertEquals(1f, arrays.get("neuron_bias").values()[0]);
    assertEquals(0.02, manifest.get("neurons").get("tau_rc").asDouble());
  }

  /** Saves {@code net}, untrained, as a model of {@code arch}; returns its path. */
  private String saved(MultiLayerNetwork net, SnnArchitecture arch) {
    String model = dir.resolve("model.zip").toString();
    new ModelStore(new Configuration())
        .save(
            new TrainedModel(
                net,
                ModelMetadata.builder()
                    .architecture(arch)
                    .training(
                        TrainingRun.builder()
                            .dataset("test")
                            .workers(1)
                            .batchSizePerWorker(1)
                            .averagingFrequency(1)
                            .seed(5)
                            .lossByEpoch(List.of())
                            .rateErrorByEpoch(List.of())
                            .build())
                    .build()),
            model);
    return model;
  }

  private static JsonNode manifest(Path npz) throws IOException {
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      return Json.MAPPER.readTree(zip.getInputStream(zip.getEntry("manifest.json")));
    }
  }

  /** The arrays of {@code npz} by name, without {@code .npy}. */
  private static Map<String, Npy> arrays(Path npz) throws IOException {
    Map<String, Npy> arrays = new HashMap<>();
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      for (var entries = zip.entries(); entries.hasMoreElements(); ) {
        var entry = entries.nextElement();
        if (entry.getName().endsWith(".npy")) {
          arrays.put(
              entry.getName().replace(".npy", ""), parse(zip.getInputStream(entry).readAllBytes()));
        }
      }
    }
    return arrays;
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliRunner.Result result =
        CliRunner.run("export", "--model", "m.zip", "--format", "onnx", "--out", "x");
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode());
    assertTrue(result.err().contains("--format': expected npz or nir, got 'onnx'"), result.err());
  }
}
