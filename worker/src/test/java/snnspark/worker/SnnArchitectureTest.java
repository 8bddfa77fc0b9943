package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

class SnnArchitectureTest {
  private final SnnArchitecture arch = SnnArchitecture.TUTORIAL;

  @Test
  void seedGeometry() {
    assertEquals(12 * 12 * 32, arch.layers().get(2).output().size()); // the pooled map, flattened
    assertArrayEquals(new int[] {26 * 26 * 32, 24 * 24 * 32, 128}, arch.neuronsPerImage());
    // conv1 194,688 + conv2 5,308,416 + dense 589,824 + output 1,280
    assertEquals(6_094_208L, arch.macsPerImage());
  }

  @Test
  void fanOutCountsEveryConnection() {
    // every conv2 output reads 3x3 positions in each of 32 channels, for each of 32 filters
    long conv2Connections = 32L * 24 * 24 * 9 * 32;
    assertEquals(conv2Connections, Arrays.stream(arch.fanOut(0)).asLongStream().sum());
    assertEquals(9 * 32, arch.fanOut(0)[26 * 5 + 5]); // an interior neuron
    assertEquals(32, arch.fanOut(0)[0]); // the corner is in one window
    assertEquals(128, arch.fanOut(1)[17]);
    assertEquals(10, arch.fanOut(2)[3]);
  }

  @Test
  void trainingConfigurationRoundTripsThroughJson() {
    MultiLayerConfiguration conf = Dl4jNetworks.training(arch, 42);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    MultiLayerNetwork net = new MultiLayerNetwork(back);
    net.init();
    // conv 32*9+32, conv 32*32*9+32, dense 4608*128+128, output 128*10+10
    assertEquals(320 + 9248 + 589_952 + 1290, net.numParams());
  }

  @Test
  void rejectsImagesTooSmallForTheNetwork() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SnnArchitecture(
                new InputShape(5, 5, 1), NetworkDescription.TUTORIAL, 10, NeuronParams.TUTORIAL));
  }

  @Test
  void theTutorialIsItsDescriptionOnMnistImages() {
    assertEquals("28x28x1 > conv3x3x32 > conv3x3x32 > avgpool2 > dense128 > 10", arch.describe());
    assertEquals(NetworkDescription.TUTORIAL, arch.network());
    assertEquals(new InputShape(28, 28, 1), arch.input());
    assertEquals(List.of("conv1", "conv2", "dense"), SnnArchitecture.NEURON_LAYERS);
  }

  @Test
  void aDescriptionOfTheTutorialsFormTrainsWithItsOwnSizes() {
    NetworkDescription small =
        new NetworkDescription(
            List.<LayerSpec>of(new Conv(8, 5), new Conv(8, 5), new AvgPool(3), new Dense(40)));
    SnnArchitecture other =
        SnnArchitecture.of(small, new InputShape(20, 26, 3), 4, NeuronParams.TUTORIAL);
    assertEquals("20x26x3 > conv5x5x8 > conv5x5x8 > avgpool3 > dense40 > 4", other.describe());
    assertEquals(small, other.network());
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(other, 1));
    net.init();
    long described = small.shapes(other.input(), 4).stream().mapToLong(s -> s.parameters()).sum();
    assertEquals(described, net.numParams());
  }

  /** conv 3x3x8 valid, conv 3x3x16 stride 2 same, avgpool 2, dense 20, dropout, dense 12. */
  static final NetworkDescription DEEP =
      new NetworkDescription(
          List.<LayerSpec>of(
              new Conv(8, 3),
              new Conv(16, 3, 2, LayerSpec.Padding.SAME),
              new AvgPool(2),
              new Dense(20),
              new LayerSpec.Dropout(0.25),
              new Dense(12)));

  @Test
  void anyStackHasItsGeometryAndTrainsWithItsParameters() {
    SnnArchitecture deep =
        SnnArchitecture.of(DEEP, new InputShape(15, 13, 2), 3, NeuronParams.TUTORIAL);
    // 15x13 -> 13x11 (valid 3x3) -> 7x6 (same, stride 2) -> 3x3 (pool 2, truncated)
    assertArrayEquals(new int[] {8 * 13 * 11, 16 * 7 * 6, 20, 12}, deep.neuronsPerImage());
    assertEquals(List.of("conv1", "conv2", "dense1", "dense2"), deep.neuronLayerNames());
    assertEquals(
        "15x13x2 > conv3x3x8 > conv3x3x16/2same > avgpool2 > dense20 > dense12 > 3",
        deep.describe());
    long macs = 8L * 13 * 11 * 9 * 2 + 16L * 7 * 6 * 9 * 8 + 16L * 3 * 3 * 20 + 20 * 12 + 12 * 3;
    assertEquals(macs, deep.macsPerImage());
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(deep, 5));
    net.init();
    long described = deep.layers().stream().mapToLong(s -> s.parameters()).sum();
    assertEquals(described, net.numParams());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 4, 5}, Dl4jNetworks.layerIndices(deep));
  }

  @Test
  void fanOutFollowsStridesPaddingAndPools() {
    SnnArchitecture deep =
        SnnArchitecture.of(DEEP, new InputShape(15, 13, 2), 3, NeuronParams.TUTORIAL);
    // DL4J's own conv2 with every weight 1: the gradient of its summed outputs at each input is
    // the number of (filter, window) pairs that read it, wherever DL4J puts the same padding.
    MultiLayerNetwork linear =
        new MultiLayerNetwork(Dl4jNetworks.withNeurons(deep, new ActivationIdentity(), 1));
    linear.init();
    linear.initGradientsView();
    Layer conv2 = linear.getLayer(1);
    conv2.getParam("W").assign(1);
    INDArray input = Nd4j.ones(DataType.FLOAT, 1, 8, 13, 11);
    conv2.activate(input, true, LayerWorkspaceMgr.noWorkspaces());
    INDArray reads =
        conv2
            .backpropGradient(
                Nd4j.ones(DataType.FLOAT, 1, 16, 7, 6), LayerWorkspaceMgr.noWorkspaces())
            .getSecond();
    assertArrayEquals(reads.data().asFloat(), toFloat(deep.fanOut(0)));
    int[] conv2Fan = deep.fanOut(1); // the 7x6 map pools to 3x3: row 6 reaches nothing
    assertEquals(20, conv2Fan[0]);
    assertEquals(0, conv2Fan[6 * 6]);
    assertEquals(12, deep.fanOut(2)[19]);
    assertEquals(3, deep.fanOut(3)[11]);
  }

  private static float[] toFloat(int[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = values[i];
    }
    return f;
  }

  @Test
  void refusesDropoutBeforeAPool() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new NetworkDescription(
                    List.<LayerSpec>of(
                        new Conv(4, 3), new LayerSpec.Dropout(0.1), new AvgPool(2), new Dense(5))));
    assertEquals(
        "layer 2 (dropout): dropout drops the inputs of the next conv or dense layer, but avgpool"
            + " follows it: put it after the avgpool",
        e.getMessage());
  }
}
