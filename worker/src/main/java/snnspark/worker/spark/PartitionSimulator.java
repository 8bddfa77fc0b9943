package snnspark.worker.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.Stopwatch;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.sim.SpikingResult;
import snnspark.worker.sim.SpikingSimulator;

/**
 * Runs on an executor: simulates every batch of its partition with the broadcast weights and
 * returns the partition's summed statistics (one object), never per-image outputs.
 */
public final class PartitionSimulator
    implements FlatMapFunction<Iterator<IndexedBatch>, EvaluationStats> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<TrainedWeights> weights;
  private final SimulationConfig config;
  private final SimulatorKind kind;

  /** Simulates with {@code weights} (read once per partition) under {@code config}. */
  public PartitionSimulator(
      Broadcast<TrainedWeights> weights, SimulationConfig config, SimulatorKind kind) {
    this.weights = weights;
    this.config = config;
    this.kind = kind;
  }

  @Override
  public Iterator<EvaluationStats> call(Iterator<IndexedBatch> batches) {
    GpuBinding.bindToAssignedGpu();
    TrainedWeights w = weights.value();
    SnnArchitecture arch = w.architecture();
    SpikingSimulator network = kind.create(arch, w.paramsArray());
    EvaluationStats stats =
        EvaluationStats.empty(config.steps(), arch.classes(), arch.neuronsPerImage());
    while (batches.hasNext()) {
      IndexedBatch batch = batches.next();
      Stopwatch start = Stopwatch.start();
      SpikingResult result = network.run(ImageBatch.of(batch.images()), config);
      stats.add(result, batch.labels(), start.seconds());
    }
    return List.of(stats).iterator();
  }

  /** The final prediction of every image of the partition, keyed by its index (for checks). */
  public static FlatMapFunction<Iterator<IndexedBatch>, Tuple2<Long, Integer>> predictions(
      Broadcast<TrainedWeights> weights, SimulationConfig config, SimulatorKind kind) {
    return batches -> {
      TrainedWeights w = weights.value();
      SpikingSimulator network = kind.create(w.architecture(), w.paramsArray());
      List<Tuple2<Long, Integer>> out = new ArrayList<>();
      while (batches.hasNext()) {
        IndexedBatch batch = batches.next();
        SpikingResult result = network.run(ImageBatch.of(batch.images()), config);
        for (int i = 0; i < result.images(); i++) {
          out.add(new Tuple2<>(batch.firstIndex() + i, result.finalPrediction(i)));
        }
      }
      return out.iterator();
    };
  }
}
