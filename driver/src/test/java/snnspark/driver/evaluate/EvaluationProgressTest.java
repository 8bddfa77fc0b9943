package snnspark.driver.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.SharedSparkContext;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.train.Dl4jNetworks;

/**
 * With enough partitions that {@code treeReduce} merges in a stage of its own (more than {@link
 * SpikingEvaluator#DRIVER_MERGES}), the progress still counts each simulating partition once, up to
 * all of them.
 */
class EvaluationProgressTest extends SharedSparkContext {
  @Test
  void countsTheSimulatingPartitionsOnly() {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    MultiLayerNetwork untrained = new MultiLayerNetwork(Dl4jNetworks.training(arch, 3));
    untrained.init();
    TrainedWeights weights = TrainedWeights.of(arch, untrained.params());
    int workers = 7;
    int partitions = workers * SpikingEvaluator.PARTITIONS_PER_WORKER;
    assertTrue(partitions > SpikingEvaluator.DRIVER_MERGES);
    int images = partitions * ImageBatch.PREFERRED_SIZE;
    Dataset test =
        new DatasetLoader().load(TestDatasets.mnist().toString(), Split.TEST).head(images);
    List<String> lines = new CopyOnWriteArrayList<>();

    EvaluationStats stats =
        new SpikingEvaluator(sc(), workers, SimulatorKind.EVENT_DRIVEN)
            .evaluate(weights, test, SimulationConfig.tutorial(2), null, lines::add);

    assertEquals(images, stats.images());
    assertEquals(partitions, lines.size(), String.join("\n", lines));
    for (int k = 0; k < lines.size(); k++) {
      String start = "spiking evaluation: " + (k + 1) + "/" + partitions + " ";
      assertTrue(lines.get(k).startsWith(start), lines.get(k));
    }
  }
}
