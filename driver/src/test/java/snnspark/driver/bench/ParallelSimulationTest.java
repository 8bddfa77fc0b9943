package snnspark.driver.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.train.Dl4jNetworks;

class ParallelSimulationTest {
  /** Shares cut at uneven places give each image the prediction one thread gives it. */
  @Test
  void threadsGiveOneThreadsPredictions() {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    DatasetLoader loader = new DatasetLoader();
    Dataset train = loader.load(TestDatasets.mnist().toString(), Split.TRAIN);
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, 3));
    net.init();
    for (int s = 0; s < 10; s++) {
      net.fit(train.toDataSet(s * 100, (s + 1) * 100));
    }
    TrainedWeights weights = TrainedWeights.of(arch, net.params());
    Dataset test = loader.load(TestDatasets.mnist().toString(), Split.TEST).head(41);
    SimulationConfig config = SimulationConfig.tutorial(10);

    int[] one =
        SimulatorKind.EVENT_DRIVEN
            .create(arch, weights.paramsArray())
            .finalPredictions(test, config, 100);
    ParallelSimulation three =
        ParallelSimulation.run(SimulatorKind.EVENT_DRIVEN, weights, test, config, 3);

    assertArrayEquals(one, three.predictions());
    assertTrue(Arrays.stream(one).distinct().count() > 3, "a trained network tells digits apart");
  }
}
