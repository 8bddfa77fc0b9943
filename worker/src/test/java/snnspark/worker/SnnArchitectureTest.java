package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
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
}
