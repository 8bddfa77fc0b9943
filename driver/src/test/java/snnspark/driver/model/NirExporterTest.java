package snnspark.driver.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.io.UserException;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

/** The NIR file, read back with jHDF: its layout, node types, shapes, edges and folded values. */
class NirExporterTest {
  private static final int TUTORIAL_CONV2 = 1; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_DENSE = 3; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_OUTPUT = 4; // its DL4J layer index in the tutorial's network
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;

  /** docs/model.md: x = 1 / (1 - exp((0.002 - 0.01) / 0.02)) = 3.0332437, gain = x - 1. */
  private static final double GAIN = 2.0332437;

  private static MultiLayerNetwork net;

  @TempDir Path dir;

  @BeforeAll
  static void network() {
    net = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 5));
    net.init();
    // Known values to fold by hand: dense input 5 -> unit 7, conv 2 filter 3, logit 2.
    net.getLayer(TUTORIAL_DENSE).getParam("W").putScalar(new long[] {5, 7}, 0.5);
    net.getLayer(TUTORIAL_DENSE).getParam("b").putScalar(7, 0.25);
    net.getLayer(TUTORIAL_CONV2).getParam("W").putScalar(new long[] {3, 4, 1, 2}, -0.2);
    net.getLayer(TUTORIAL_CONV2).getParam("b").putScalar(3, -0.5);
    net.getLayer(TUTORIAL_OUTPUT).getParam("W").putScalar(new long[] {9, 2}, 0.75);
    net.getLayer(TUTORIAL_OUTPUT).getParam("b").putScalar(2, 0.125);
  }

  private Path write(double synapseTau) throws IOException {
    Path file = dir.resolve("model-" + synapseTau + ".nir");
    try (OutputStream out = Files.newOutputStream(file)) {
      NirExporter.write(net, ARCH, synapseTau, out);
    }
    return file;
  }

  private static String string(HdfFile f, String path) {
    Object data = f.getDatasetByPath(path).getData();
    return data instanceof String s ? s : ((String[]) data)[0];
  }

  private static List<String> edges(HdfFile f) {
    List<String> edges = new ArrayList<>();
    for (String[] e : (String[][]) f.getDatasetByPath("node/edges").getData()) {
      edges.add(e[0] + ">" + e[1]);
    }
    return edges;
  }

  private static int[] dims(HdfFile f, String node, String param) {
    return f.getDatasetByPath("node/nodes/" + node + "/" + param).getDimensions();
  }

  @Test
  void layoutNodeTypesShapesAndEdgesAreNirs() throws IOException {
    try (HdfFile f = new HdfFile(write(0))) {
      assertEquals(NirFile.NIR_VERSION, string(f, "version"));
      assertEquals("NIRGraph", string(f, "node/type"));
      String[][] nodes = {
        {"input", "Input"}, {"conv1", "Conv2d"}, {"conv1_lif", "LIF"}, {"conv2", "Conv2d"},
        {"conv2_lif", "LIF"}, {"pool", "AvgPool2d"}, {"flatten", "Flatten"}, {"dense", "Affine"},
        {"dense_lif", "LIF"}, {"logits", "Affine"}, {"probe", "LI"}, {"output", "Output"}
      };
      assertEquals(
          nodes.length, ((io.jhdf.api.Group) f.getByPath("node/nodes")).getChildren().size());
      List<String> chain = new ArrayList<>();
      for (int i = 0; i < nodes.length; i++) {
        assertEquals(nodes[i][1], string(f, "node/nodes/" + nodes[i][0] + "/type"), nodes[i][0]);
        if (i > 0) {
          chain.add(nodes[i - 1][0] + ">" + nodes[i][0]);
        }
      }
      assertEquals(chain, edges(f));
      assertArrayEquals(new long[] {1, 28, 28}, longs(f, "input/shape"));
      assertArrayEquals(new int[] {32, 1, 3, 3}, dims(f, "conv1", "weight"));
      assertArrayEquals(new int[] {32, 32, 3, 3}, dims(f, "conv2", "weight"));
      assertArrayEquals(new long[] {26, 26}, longs(f, "conv2/input_shape"));
      assertArrayEquals(new long[] {0, 0}, longs(f, "conv2/padding"));
      assertEquals(1L, f.getDatasetByPath("node/nodes/conv2/groups").getData());
      for (String p : new String[] {"tau", "r", "v_leak", "v_threshold", "v_reset"}) {
        assertArrayEquals(new int[] {32, 26, 26}, dims(f, "conv1_lif", p), p);
        assertArrayEquals(new int[] {128}, dims(f, "dense_lif", p), p);
      }
      assertArrayEquals(new long[] {2, 2}, longs(f, "pool/kernel_size"));
      assertArrayEquals(new long[] {32, 12, 12}, longs(f, "flatten/input_type"));
      assertEquals(0L, f.getDatasetByPath("node/nodes/flatten/start_dim").getData());
      assertArrayEquals(new int[] {128, 4608}, dims(f, "dense", "weight"));
      assertArrayEquals(new int[] {10, 128}, dims(f, "logits", "weight"));
      assertArrayEquals(new int[] {10}, dims(f, "probe", "tau"));
      assertEquals(0.1f, ((float[]) data(f, "probe/tau"))[0]);
      assertArrayEquals(new long[] {10}, longs(f, "output/shape"));
    }
  }

  @Test
  void gainBiasAndAmplitudeAreFoldedIntoTheWeights() throws IOException {
    try (HdfFile f = new HdfFile(write(0))) {
      float[][] dense = (float[][]) data(f, "dense/weight");
      assertEquals(GAIN * 0.01 * 0.5, dense[7][5], 1e-7);
      assertEquals(GAIN * 0.25 + 1, ((float[]) data(f, "dense/bias"))[7], 1e-6);
      float[][][][] conv2 = (float[][][][]) data(f, "conv2/weight");
      assertEquals(GAIN * 0.01 * -0.2, conv2[3][4][1][2], 1e-7);
      assertEquals(GAIN * -0.5 + 1, ((float[]) data(f, "conv2/bias"))[3], 1e-6);
      float[][] logits = (float[][]) data(f, "logits/weight");
      assertEquals(0.01 * 0.75, logits[2][9], 1e-8);
      assertEquals(0.125f, ((float[]) data(f, "logits/bias"))[2]);
      float[][][] tau = (float[][][]) data(f, "conv2_lif/tau");
      assertEquals(0.02f, tau[31][23][23]);
      assertEquals(1f, ((float[]) data(f, "dense_lif/v_threshold"))[0]);
      assertEquals(0f, ((float[]) data(f, "dense_lif/v_reset"))[0]);
    }
  }

  @Test
  void aSynapseBecomesAnLiNodeAfterEachNeuronLayer() throws IOException {
    try (HdfFile f = new HdfFile(write(0.002))) {
      List<String> edges = edges(f);
      assertTrue(edges.contains("conv1_lif>conv1_syn"), edges.toString());
      assertTrue(edges.contains("conv1_syn>conv2"), edges.toString());
      assertTrue(edges.contains("conv2_syn>pool"), edges.toString());
      assertTrue(edges.contains("dense_syn>logits"), edges.toString());
      assertEquals("LI", string(f, "node/nodes/conv2_syn/type"));
      assertEquals(0.002f, ((float[][][]) data(f, "conv2_syn/tau"))[0][0][0]);
      assertEquals(1f, ((float[]) data(f, "dense_syn/r"))[127]);
    }
  }

  private static Object data(HdfFile f, String path) {
    return f.getDatasetByPath("node/nodes/" + path).getData();
  }

  private static long[] longs(HdfFile f, String path) {
    return (long[]) data(f, path);
  }

  @Test
  void anyStackBecomesItsChainWithStridesSymmetricPaddingAndPools() throws IOException {
    // 11x11: conv 3x3 valid -> 9x9x4; conv 3x3 stride 2 same -> 5x5x6 (2 zeros, 1 each side);
    // avgpool 2 -> 2x2x6 (truncated); dense 7; dense 5; output 3.
    SnnArchitecture deep =
        SnnArchitecture.of(
            new NetworkDescription(
                List.<LayerSpec>of(
                    new Conv(4, 3),
                    new Conv(6, 3, 2, LayerSpec.Padding.SAME),
                    new AvgPool(2),
                    new Dense(7),
                    new Dense(5))),
            new InputShape(11, 11, 1),
            3,
            NeuronParams.TUTORIAL);
    MultiLayerNetwork other = new MultiLayerNetwork(Dl4jNetworks.training(deep, 2));
    other.init();
    Path file = dir.resolve("deep.nir");
    try (OutputStream out = Files.newOutputStream(file)) {
      NirExporter.write(other, deep, 0, out);
    }
    try (HdfFile f = new HdfFile(file)) {
      assertEquals(
          List.of(
              "input>conv1",
              "conv1>conv1_lif",
              "conv1_lif>conv2",
              "conv2>conv2_lif",
              "conv2_lif>pool",
              "pool>flatten",
              "flatten>dense1",
              "dense1>dense1_lif",
              "dense1_lif>dense2",
              "dense2>dense2_lif",
              "dense2_lif>logits",
              "logits>probe",
              "probe>output"),
          edges(f));
      assertArrayEquals(new long[] {2, 2}, (long[]) data(f, "conv2/stride"));
      assertArrayEquals(new long[] {1, 1}, (long[]) data(f, "conv2/padding"));
      assertArrayEquals(new int[] {6, 5, 5}, dims(f, "conv2_lif", "tau"));
      assertArrayEquals(new long[] {6, 2, 2}, (long[]) data(f, "flatten/input_type"));
      assertArrayEquals(new int[] {7, 24}, dims(f, "dense1", "weight"));
      assertArrayEquals(new int[] {5, 7}, dims(f, "dense2", "weight"));
      assertArrayEquals(new int[] {3, 5}, dims(f, "logits", "weight"));
    }
    // 10x10 gives conv2 an odd padding (1 zero): NIR's symmetric padding cannot say it.
    SnnArchitecture odd =
        SnnArchitecture.of(deep.network(), new InputShape(12, 12, 1), 3, NeuronParams.TUTORIAL);
    UserException refused =
        assertThrows(UserException.class, () -> NirExporter.checkExportable("m.zip", odd));
    assertEquals(
        "m.zip: export to NIR: layer 2 (conv): padding same adds 1x1 zeros, one more after than"
            + " before, and NIR's Conv2d pads both sides alike (use an odd kernel with stride 1, or"
            + " padding valid)",
        refused.getMessage());
  }
}
