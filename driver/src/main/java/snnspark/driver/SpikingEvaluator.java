package snnspark.driver;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import snnspark.datasets.Dataset;
import snnspark.worker.EvaluationStats;
import snnspark.worker.IndexedBatch;
import snnspark.worker.PartitionSimulator;
import snnspark.worker.SimulationConfig;
import snnspark.worker.SimulatorKind;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;

/**
 * Evaluates trained weights with spiking neurons across executors: the weights are broadcast once,
 * the test set is cut into batches spread over partitions, each executor simulates its batches, and
 * the per-partition statistics are combined with {@code treeAggregate}. The driver never collects
 * per-image outputs.
 */
public final class SpikingEvaluator {
  /** Images simulated together: enough to amortise per-step overhead, small enough for caches. */
  public static final int BATCH = 100;

  private final JavaSparkContext sc;
  private final int partitions;
  private final SimulatorKind simulator;

  /**
   * An evaluator spreading work over {@code partitions} partitions, simulating with {@code
   * simulator}.
   */
  public SpikingEvaluator(JavaSparkContext sc, int partitions, SimulatorKind simulator) {
    this.sc = sc;
    this.partitions = partitions;
    this.simulator = simulator;
  }

  /** Statistics of {@code weights} run spiking on every image of {@code test}. */
  public EvaluationStats evaluate(TrainedWeights weights, Dataset test, SimulationConfig config) {
    sc.setJobDescription("spiking evaluation");
    Broadcast<TrainedWeights> broadcast = sc.broadcast(weights);
    try {
      int layers = SnnArchitecture.NEURON_LAYERS.size();
      return batches(test)
          .mapPartitions(new PartitionSimulator(broadcast, config, simulator))
          .treeAggregate(
              EvaluationStats.empty(config.steps(), weights.architecture().classes(), layers),
              EvaluationStats::merge,
              EvaluationStats::merge);
    } finally {
      broadcast.destroy();
      sc.clearJobGroup();
    }
  }

  /**
   * The final prediction of every test image, in order (collects one int per image; for checks).
   */
  public int[] predictions(TrainedWeights weights, Dataset test, SimulationConfig config) {
    Broadcast<TrainedWeights> broadcast = sc.broadcast(weights);
    try {
      int[] predictions = new int[test.count()];
      batches(test)
          .mapPartitions(PartitionSimulator.predictions(broadcast, config, simulator))
          .collect()
          .forEach(p -> predictions[p._1().intValue()] = p._2());
      return predictions;
    } finally {
      broadcast.destroy();
    }
  }

  private JavaRDD<IndexedBatch> batches(Dataset test) {
    List<IndexedBatch> batches = IndexedBatch.cut(test, BATCH);
    return sc.parallelize(batches, Math.max(1, Math.min(partitions, batches.size())));
  }
}
