package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

/**
 * Standardisation is measured per channel, and folding it into the first weighted layer gives the
 * network on raw images what the unfolded one gave on standardised images.
 */
class InputStandardizationTest {
  private static final InputShape COLOUR = new InputShape(9, 8, 3);

  @Test
  void measuresEachChannelsMeanAndDeviation() {
    // Two images of 2 channels, 2 values each: channel 0 holds 0, 1, 2, 3; channel 1 is constant.
    INDArray features =
        Nd4j.create(new float[] {0, 1, 0.5f, 0.5f, 2, 3, 0.5f, 0.5f}, new long[] {2, 2, 1, 2}, 'c');
    ChannelMoments half = new ChannelMoments(2).add(features.get(pointRange(0)));
    ChannelMoments moments = half.add(new ChannelMoments(2).add(features.get(pointRange(1))));

    InputStandardization s = InputStandardization.of(moments);

    assertEquals(4, moments.count(0));
    assertArrayEquals(new float[] {1.5f, 0.5f}, s.mean());
    assertArrayEquals(new float[] {(float) Math.sqrt(1.25), 1f}, s.std(), "constant: only centred");
    DataSet standardized = s.standardize(new DataSet(features, Nd4j.zeros(2, 1)));
    float[] values = FloatArrays.flat(standardized.getFeatures());
    assertEquals((0 - 1.5f) / s.std(0), values[0], 1e-6f);
    assertEquals(0f, values[2], 0f);
  }

  private static INDArrayIndex[] pointRange(int image) {
    return new INDArrayIndex[] {
      NDArrayIndex.interval(image, image + 1),
      NDArrayIndex.all(),
      NDArrayIndex.all(),
      NDArrayIndex.all()
    };
  }

  @Test
  void theFoldedNetworkOnRawImagesOutputsWhatItDidOnStandardisedOnes() {
    List<NetworkDescription> networks =
        List.of(
            new NetworkDescription(List.<LayerSpec>of(new Conv(4, 3), new Dense(6))),
            new NetworkDescription(
                List.<LayerSpec>of(new Conv(4, 3, 2, LayerSpec.Padding.VALID), new Dense(5))),
            new NetworkDescription(List.<LayerSpec>of(new AvgPool(2), new Dense(7))),
            new NetworkDescription(List.<LayerSpec>of(new Dense(7), new Dense(5))),
            new NetworkDescription(
                List.<LayerSpec>of(new Conv(4, 1, 2, LayerSpec.Padding.SAME), new Dense(5))));
    InputStandardization s =
        new InputStandardization(new float[] {0.2f, 0.5f, 0.7f}, new float[] {0.3f, 0.1f, 0.25f});
    INDArray raw = randomImages(6, new Random(3));
    for (NetworkDescription network : networks) {
      SnnArchitecture arch = SnnArchitecture.of(network, COLOUR, 4, NeuronParams.TUTORIAL);
      MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, 5));
      net.init();
      INDArray expected =
          net.output(s.standardize(new DataSet(raw, Nd4j.zeros(6, 4))).getFeatures(), false);

      net.setParams(TrainedWeights.of(arch, net.params()).withStandardizedInput(s).paramsArray());
      INDArray folded = net.output(raw, false);

      float[] want = FloatArrays.flat(expected);
      float[] got = FloatArrays.flat(folded);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-4f, arch.describe() + " output " + i);
      }
    }
  }

  private static INDArray randomImages(int n, Random random) {
    float[] values = new float[Math.toIntExact(n * COLOUR.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat();
    }
    return Nd4j.create(
        values, new long[] {n, COLOUR.channels(), COLOUR.height(), COLOUR.width()}, 'c');
  }

  @Test
  void refusesAFirstConvolutionThatPads() {
    SnnArchitecture padding =
        SnnArchitecture.of(
            new NetworkDescription(
                List.<LayerSpec>of(new AvgPool(2), new Conv(4, 3, 1, LayerSpec.Padding.SAME))),
            COLOUR,
            4,
            NeuronParams.TUTORIAL);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> InputStandardization.checkFoldable(padding));

    assertTrue(e.getMessage().startsWith("layer 2 (conv): "), e.getMessage());
  }

  @Test
  void refusesADeviationThatIsNotPositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new InputStandardization(new float[] {0.5f}, new float[] {0f}));
  }
}
