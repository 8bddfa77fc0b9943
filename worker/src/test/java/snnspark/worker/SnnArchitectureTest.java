package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
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
    assertEquals(4608, arch.denseInputs());
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
        () -> new SnnArchitecture(5, 5, 1, 32, 3, 2, 128, 10, 0.4, NeuronParams.TUTORIAL));
  }

  @Test
  void theTutorialIsItsDescriptionOnMnistImages() {
    assertEquals(
        new SnnArchitecture(28, 28, 1, 32, 3, 2, 128, 10, 0.4, NeuronParams.TUTORIAL), arch);
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
    assertEquals(new SnnArchitecture(20, 26, 3, 8, 5, 3, 40, 4, 0, NeuronParams.TUTORIAL), other);
    assertEquals(small, other.network());
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(other, 1));
    net.init();
    long described = small.shapes(other.input(), 4).stream().mapToLong(s -> s.parameters()).sum();
    assertEquals(described, net.numParams());
  }

  @Test
  void refusesOtherFormsNamingTheLayer() {
    InputShape mnist = new InputShape(28, 28, 1);
    NetworkDescription strided =
        new NetworkDescription(
            List.<LayerSpec>of(
                new Conv(32, 3),
                new Conv(32, 3, 2, LayerSpec.Padding.VALID),
                new AvgPool(2),
                new Dense(10)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnnArchitecture.of(strided, mnist, 10, NeuronParams.TUTORIAL));
    assertEquals(
        "layer 2 (conv): this build trains and simulates networks of the tutorial's form only:"
            + " conv, conv (the same filters and kernel, stride 1, padding valid), avgpool, dense,"
            + " and optionally dropout",
        e.getMessage());
    NetworkDescription oddPool =
        new NetworkDescription(
            List.<LayerSpec>of(new Conv(4, 3), new Conv(4, 3), new AvgPool(5), new Dense(10)));
    assertEquals(
        "layer 3 (avgpool): its 24x24 input does not divide into 5x5 windows",
        assertThrows(
                IllegalArgumentException.class,
                () -> SnnArchitecture.of(oddPool, mnist, 10, NeuronParams.TUTORIAL))
            .getMessage());
  }
}
