package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.WeightDecay;
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

  private static MultiLayerConfiguration configuration(double decay) {
    TrainingRecipe recipe = new TrainingRecipe(3, 0, RateRegularizer.NONE, new Adam(RATE), decay);
    return Dl4jNetworks.training(SnnArchitecture.TUTORIAL, recipe);
  }

  private static MultiLayerNetwork network(double decay) {
    // From JSON, as Spark's workers receive it and model files hold it.
    String json = configuration(decay).toJson();
    MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
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
  void theScoreStaysTheCrossEntropyAlsoInACloneAsSparksWorkersMakeOne() {
    double plain = network(0).score(DATA);
    assertEquals(plain, network(DECAY).score(DATA), 1e-6);
    MultiLayerConfiguration clone = configuration(DECAY).clone();
    BaseLayer conv1 = (BaseLayer) clone.getConf(0).getLayer();
    assertEquals(List.of(new DecoupledWeightDecay(DECAY)), conv1.getRegularization());
    MultiLayerNetwork cloned = new MultiLayerNetwork(clone);
    cloned.init();
    assertEquals(plain, cloned.score(DATA), 1e-6);
    assertNotEquals(new WeightDecay(DECAY, true), new DecoupledWeightDecay(DECAY));
    assertNotEquals(new DecoupledWeightDecay(DECAY), new WeightDecay(DECAY, true));
  }

  /**
   * Why {@link Dl4jNetworks} sets each layer's decay itself: DL4J's network-wide setting lands in
   * every layer twice. If a DL4J upgrade makes this fail, the builder's own setting would do.
   */
  @Test
  void dl4jsNetworkWideWeightDecayLandsInEachLayerTwice() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .updater(new Adam(RATE))
            .weightDecay(DECAY, true)
            .list()
            .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
            .layer(new OutputLayer.Builder().nIn(3).nOut(2).build())
            .build();
    for (NeuralNetConfiguration layer : conf.getConfs()) {
      assertEquals(2, ((BaseLayer) layer.getLayer()).getRegularization().size());
    }
  }

  @Test
  void rejectsNegativeAndNonFiniteDecayAndDecayWithoutALearningRate() {
    for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new TrainingRecipe(3, 0, RateRegularizer.NONE, new Adam(RATE), bad));
      assertTrue(e.getMessage().startsWith("{weightDecay} must"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TrainingRecipe(3, 0, RateRegularizer.NONE, new AdaDelta(), 0.05));
    assertEquals(
        "{weightDecay} needs {optimizer} adam (AdaDelta has no learning rate to scale it by)",
        e.getMessage());
  }
}
