package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import snnspark.datasets.SharedSparkContext;
import snnspark.worker.SnnArchitecture;

/**
 * dl4j-spark 1.0.0-M2 works with DL4J/ND4J 1.0.0-M2.1 and Spark 3.5: a tiny network fitted by the
 * project's own parameter-averaging training master, updater state included.
 */
class Dl4jSparkSmokeTest extends SharedSparkContext {
  @Test
  void tinyParameterAveragedFitChangesTheParameters() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(12345)
            .updater(new AdaDelta())
            .list()
            .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(8)
                    .nOut(3)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    List<DataSet> data = new ArrayList<>();
    Nd4j.getRandom().setSeed(12345);
    for (int i = 0; i < 8; i++) {
      INDArray x = Nd4j.rand(DataType.FLOAT, 10, 4);
      INDArray y = Nd4j.zeros(DataType.FLOAT, 10, 3);
      for (int r = 0; r < 10; r++) {
        y.putScalar(r, r % 3, 1f);
      }
      data.add(new DataSet(x, y));
    }
    // The project's own training master, as train builds it: 2 workers of 10 images each.
    TrainSettings settings =
        TrainSettings.builder().epochs(1).batchSize(20).averagingFrequency(2).build();
    ParameterAveragingTrainingMaster master =
        new SparkTrainer(sc(), SnnArchitecture.TUTORIAL, settings, 2, conf).trainingMaster();
    assertTrue(master.isSaveUpdater(), "AdaDelta's state must be averaged with the parameters");
    assertEquals(2, master.getAveragingFrequency());
    SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(sc(), conf, master);
    INDArray before = net.getNetwork().params().dup();

    net.fit(sc().parallelize(data, 2));

    assertNotEquals(before, net.getNetwork().params());
    assertTrue(Double.isFinite(net.getScore()), "score " + net.getScore());
  }
}
