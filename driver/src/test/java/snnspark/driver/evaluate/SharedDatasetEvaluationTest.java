package snnspark.driver.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.MiniHdfs;
import snnspark.datasets.SharedSparkContext;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.train.Dl4jNetworks;

/** Executors that read their share of an hdfs:// test set compute what the shipped set gives. */
class SharedDatasetEvaluationTest extends SharedSparkContext {
  @TempDir Path hdfsBase;

  @Test
  void executorsReadingHdfsGiveTheSameStatistics() throws Exception {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    MultiLayerNetwork untrained = new MultiLayerNetwork(Dl4jNetworks.training(arch, 3));
    untrained.init();
    TrainedWeights weights = TrainedWeights.of(arch, untrained.params());
    SimulationConfig config = SimulationConfig.tutorial(10);
    Dataset test = new DatasetLoader().load(TestDatasets.mnist().toString(), Split.TEST).head(250);
    SpikingEvaluator evaluator = new SpikingEvaluator(sc(), 2, SimulatorKind.EVENT_DRIVEN);

    EvaluationStats shipped = evaluator.evaluate(weights, test, config);
    EvaluationStats read;
    try (MiniHdfs hdfs = new MiniHdfs(hdfsBase)) {
      String dir = hdfs.copyFolder(TestDatasets.mnist(), "/mnist");
      hdfs.configuration().forEach(e -> sc().hadoopConfiguration().set(e.getKey(), e.getValue()));
      assertEquals(true, SpikingEvaluator.isShared(dir));
      read = evaluator.evaluate(weights, test, config, dir);
    }

    assertEquals(250, read.images());
    assertArrayEquals(shipped.errorByStep(), read.errorByStep());
    assertArrayEquals(shipped.confusion(), read.confusion());
    for (int l = 0; l < 3; l++) {
      assertEquals(shipped.spikes(l), read.spikes(l));
    }
  }
}
