package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;

/**
 * A short SoftLIF training run in plain DL4J on real MNIST, then the same weights run spiking.
 * Regression guards only; the accuracy targets belong to the full Spark job.
 */
class TrainingSmokeTest {
  private static final SnnArchitecture ARCH = SnnArchitecture.SEED;
  private static final int BATCH = 50;

  private static MultiLayerNetwork net;
  private static Dataset test;

  @BeforeAll
  static void trainOnSixThousandImages() {
    DatasetLoader loader = new DatasetLoader();
    String mnist = TestDatasets.mnist().toString();
    Dataset train = loader.load(mnist, Split.TRAIN, ARCH.rows(), ARCH.cols()).head(6000);
    test = loader.load(mnist, Split.TEST, ARCH.rows(), ARCH.cols()).head(1000);
    net = new MultiLayerNetwork(ARCH.trainingConfiguration(0));
    net.init();
    long start = System.nanoTime();
    for (int from = 0; from < train.count(); from += BATCH) {
      net.fit(train.toDataSet(from, Math.min(from + BATCH, train.count())));
    }
    System.out.printf("trained %d images in %.1f s%n", train.count(), (System.nanoTime() - start) / 1e9);
  }

  @Test
  void rateAndSpikingErrorsAreFarBelowChance() {
    double rateError = RateEvaluator.errorRate(net, test);
    long start = System.nanoTime();
    SpikingNetwork spiking = new SpikingNetwork(ARCH, net.params());
    int wrong = 0;
    for (int from = 0; from < test.count(); from += 100) {
      Dataset batch = test.slice(from, Math.min(from + 100, test.count()));
      SpikingResult result = spiking.run(batch, from, SimulationConfig.seed(30));
      for (int i = 0; i < batch.count(); i++) {
        if (result.finalPrediction(i) != batch.label(i)) {
          wrong++;
        }
      }
    }
    double spikingError = (double) wrong / test.count();
    System.out.printf("spiking run of %d images in %.1f s%n", test.count(), (System.nanoTime() - start) / 1e9);
    System.out.printf("rate error %.4f, spiking error (30 steps) %.4f%n", rateError, spikingError);
    assertTrue(rateError < 0.15, "rate error " + rateError);
    assertTrue(spikingError < 0.25, "spiking error " + spikingError);
  }

  @Test
  void savedModelReloadsWithItsSoftLifNeurons(@TempDir Path dir) throws Exception {
    File file = dir.resolve("model.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
    Object activation =
        ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                back.getLayer(SnnArchitecture.CONV1).conf().getLayer())
            .getActivationFn();
    assertEquals(new SoftLifActivation(NeuronParams.SEED), activation);
    assertEquals(net.params(), back.params());
    assertEquals(net.output(test.features(0, 20)), back.output(test.features(0, 20)));
  }
}
