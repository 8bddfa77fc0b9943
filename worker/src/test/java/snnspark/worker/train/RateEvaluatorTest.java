package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.worker.SnnArchitecture;

class RateEvaluatorTest {
  /**
   * On its threads, each image gets the output it gets in its batch on one thread: 1,050 images,
   * six batches, the last one short.
   */
  @Test
  void threadsGiveTheOneThreadPredictions() {
    DatasetLoader loader = new DatasetLoader();
    Dataset train = loader.load(TestDatasets.mnist().toString(), Split.TRAIN);
    MultiLayerNetwork net =
        new MultiLayerNetwork(Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 3));
    net.init();
    for (int s = 0; s < 5; s++) {
      net.fit(train.toDataSet(s * 100, (s + 1) * 100));
    }
    Dataset test = loader.load(TestDatasets.mnist().toString(), Split.TEST).head(1050);
    int[] oneThread = new int[test.count()];
    for (int from = 0; from < test.count(); from += RateEvaluator.BATCH) {
      int to = Math.min(from + RateEvaluator.BATCH, test.count());
      int[] classes = net.output(test.features(from, to), false).argMax(1).toIntVector();
      System.arraycopy(classes, 0, oneThread, from, classes.length);
    }

    int[] predictions = RateEvaluator.predict(net, test);

    assertArrayEquals(oneThread, predictions);
    assertTrue(Arrays.stream(predictions).distinct().count() > 3, "a trained network");
    long wrong = 0;
    for (int i = 0; i < test.count(); i++) {
      wrong += predictions[i] != test.label(i) ? 1 : 0;
    }
    assertEquals((double) wrong / test.count(), RateEvaluator.errorRate(net, test));
  }
}
