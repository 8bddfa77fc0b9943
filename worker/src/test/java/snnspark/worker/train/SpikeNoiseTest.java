package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.Seeds;

class SpikeNoiseTest {
  private static final SpikeNoise TEN_HZ = new SpikeNoise(10, NeuronParams.TUTORIAL);

  @Test
  void addsNoiseOfTheGivenSizeToActiveNeuronsOnly() {
    float threshold = TEN_HZ.thresholdOutput();
    // SoftLIF at j = 0 (sigma 0.002): about 7.5 Hz, i.e. an output of 0.075
    assertEquals(0.0748, threshold, 5e-4);
    int n = 200_000;
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = i % 2 == 0 ? threshold / 2 : 0.3f;
    }
    float[] noisy = values.clone();
    SpikeNoise.add(
        noisy, n, threshold, TEN_HZ.outputStdDev(), Seeds.forTrainingStep(1, 0, 0, 0, 0));
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i += 2) {
      assertEquals(values[i], noisy[i], "silent neuron " + i + " got noise");
      double d = noisy[i + 1] - values[i + 1];
      sum += d;
      sumSquares += d * d;
    }
    int active = n / 2;
    double mean = sum / active;
    double std = Math.sqrt(sumSquares / active - mean * mean);
    assertEquals(0, mean, 0.001);
    assertEquals(0.1, std, 0.002, "10 Hz at amplitude 0.01");
  }

  @Test
  void drawsDependOnTheTrainingStepOnly() {
    float[] a = new float[1000];
    float[] b = new float[1000];
    float[] c = new float[1000];
    java.util.Arrays.fill(a, 0.5f);
    java.util.Arrays.fill(b, 0.5f);
    java.util.Arrays.fill(c, 0.5f);
    SpikeNoise.add(a, 1000, 0.1f, 0.1, Seeds.forTrainingStep(7, 2, 30, 1, 0));
    SpikeNoise.add(b, 1000, 0.1f, 0.1, Seeds.forTrainingStep(7, 2, 30, 1, 0));
    SpikeNoise.add(c, 1000, 0.1f, 0.1, Seeds.forTrainingStep(7, 2, 31, 1, 0));
    assertArrayEquals(a, b);
    assertNotEquals(a[0], c[0]);
  }

  @Test
  void trainingPassesCarryNoiseAndInferenceDoesNot() {
    MultiLayerNetwork quiet = network(Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 3));
    MultiLayerNetwork noisy = network(Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 3, 10));
    assertEquals(quiet.params(), noisy.params(), "noise does not change the initial weights");
    INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, 28, 28);
    assertEquals(quiet.output(x, false), noisy.output(x, false));

    List<INDArray> clean = quiet.feedForward(x, true);
    List<INDArray> perturbed = noisy.feedForward(x, true);
    float[] conv1 = clean.get(1).dup().data().asFloat();
    float[] conv1Noisy = perturbed.get(1).dup().data().asFloat();
    float threshold = TEN_HZ.thresholdOutput();
    int changed = 0;
    int active = 0;
    for (int i = 0; i < conv1.length; i++) {
      if (conv1[i] > threshold) {
        active++;
        changed += conv1[i] != conv1Noisy[i] ? 1 : 0;
      } else {
        assertEquals(conv1[i], conv1Noisy[i], "neuron " + i + " is below threshold");
      }
    }
    assertTrue(active > 1000, "enough active neurons to see noise: " + active);
    assertEquals(active, changed);
  }

  @Test
  void noiseIsPartOfTheSavedConfiguration() {
    MultiLayerConfiguration conf = Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 42, 10);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    assertNotEquals(Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 42), back);
  }

  @Test
  void rejectsNegativeOrInfiniteNoise() {
    assertThrows(IllegalArgumentException.class, () -> new SpikeNoise(-1, NeuronParams.TUTORIAL));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SpikeNoise(Double.POSITIVE_INFINITY, NeuronParams.TUTORIAL));
    assertThrows(
        IllegalArgumentException.class, () -> new SpikeNoise(Double.NaN, NeuronParams.TUTORIAL));
  }

  private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
