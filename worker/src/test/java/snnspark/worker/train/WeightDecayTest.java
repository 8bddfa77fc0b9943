package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import snnspark.worker.SnnArchitecture;

/**
 * Weight decay is AdamW's: decoupled from the gradient, scaled by the learning rate, on every
 * layer's weights (the fused convolutions' included) and on no bias.
 */
class WeightDecayTest {
  private static final double RATE = 0.001;
  private static final double DECAY = 5;

  private static final DataSet DATA =
      new DataSet(FusedConvolutionTest.images(), FusedConvolutionTest.labels());

  private static MultiLayerNetwork network(double decay) {
    TrainingRecipe recipe = new TrainingRecipe(3, 0, RateRegularizer.NONE, new Adam(RATE), decay);
    MultiLayerConfiguration conf = Dl4jNetworks.training(SnnArchitecture.TUTORIAL, recipe);
    // As Spark's workers and model files get it.
    MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()));
    net.init();
    return net;
  }

  private static MultiLayerNetwork afterOneStep(double decay) {
    MultiLayerNetwork net = network(decay);
    net.fit(DATA);
    return net;
  }

  @Test
  void eachStepShrinksEveryWeightByTheLearningRateTimesTheDecayAndNoBias() {
    MultiLayerNetwork initial =
        new MultiLayerNetwork(Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 3));
    initial.init();
    MultiLayerNetwork plain = afterOneStep(0);
    MultiLayerNetwork decayed = afterOneStep(DECAY);
    int weights = 0;
    for (Map.Entry<String, INDArray> param : initial.paramTable().entrySet()) {
      String name = param.getKey();
      boolean bias = name.endsWith("_b");
      // The same gradient and Adam step in both; the decay adds -rate * decay * w on top.
      INDArray expected = param.getValue().mul(bias ? 0 : -RATE * DECAY);
      INDArray actual = decayed.getParam(name).sub(plain.getParam(name));
      double gap = actual.sub(expected).amaxNumber().doubleValue();
      assertTrue(gap < 1e-7, name + ": off by " + gap);
      if (!bias) {
        weights++;
        assertTrue(expected.amaxNumber().doubleValue() > 1e-4, name + " decayed too little");
      }
    }
    assertEquals(4, weights, "conv1, conv2, dense and the output layer");
  }

  @Test
  void theScoreStaysTheCrossEntropy() {
    assertEquals(network(0).score(DATA), network(DECAY).score(DATA), 1e-6);
  }

  @Test
  void rejectsNegativeAndNonFiniteDecay() {
    for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new TrainingRecipe(3, 0, RateRegularizer.NONE, new Adam(RATE), bad));
      assertTrue(e.getMessage().startsWith("{weightDecay} must"), e.getMessage());
    }
  }
}
