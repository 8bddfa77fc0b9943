package snnspark.driver.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.HadoopPath;
import snnspark.datasets.Split;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.spark.IndexedBatch;
import snnspark.worker.spark.PartitionSimulator;

/**
 * Evaluates trained weights with spiking neurons across executors: the weights are broadcast once,
 * the test set is cut into batches spread over partitions, each executor simulates its batches, and
 * the per-partition statistics are combined by the driver as they arrive, or, past {@link
 * #DRIVER_MERGES} partitions, by executors in a tree first. The driver never collects per-image
 * outputs.
 */
public final class SpikingEvaluator {
  /**
   * Partitions per worker, taken by the workers as they free up. Images differ in how much they
   * spike and cores in speed (on a shared 2-core virtual machine one core ran up to 30% slower than
   * the other for minutes), so with one partition per worker one of them sat idle for up to 3.0 s
   * of a 19 s evaluation of the 10,000 MNIST test images; with 10 the idle tail was 0.2 s. A
   * partition costs about 5 ms to set up its simulator.
   */
  public static final int PARTITIONS_PER_WORKER = 10;

  /**
   * Partitions whose statistics (a count per neuron: 0.3 MB for the tutorial's network) the driver
   * merges itself as they arrive. A tree of merges on the executors is a stage of its own, 0.18 s
   * of a 16 s evaluation on 2 local cores for 20 partitions, worth it only with many.
   */
  static final int DRIVER_MERGES = 64;

  private final JavaSparkContext sc;
  private final int workers;
  private final SimulatorKind simulator;

  /**
   * An evaluator spreading work over {@code workers} workers, simulating with {@code simulator}.
   */
  public SpikingEvaluator(JavaSparkContext sc, int workers, SimulatorKind simulator) {
    this.sc = sc;
    this.workers = workers;
    this.simulator = simulator;
  }

  /**
   * Statistics of {@code weights} run spiking on every image of {@code test}, shipped from here.
   */
  public EvaluationStats evaluate(TrainedWeights weights, Dataset test, SimulationConfig config) {
    return evaluate(weights, test, config, null);
  }

  /**
   * The same; when {@code sharedDir} (a folder on a file system every executor reaches, such as
   * hdfs:// or s3a://) is given, executors read their share of its test split themselves and the
   * driver ships only index ranges. {@code test} is that split as the driver loaded (and validated)
   * it, possibly limited.
   */
  public EvaluationStats evaluate(
      TrainedWeights weights, Dataset test, SimulationConfig config, String sharedDir) {
    return evaluate(weights, test, config, sharedDir, line -> {});
  }

  /** The same, reporting each finished partition to {@code progress}. */
  public EvaluationStats evaluate(
      TrainedWeights weights,
      Dataset test,
      SimulationConfig config,
      String sharedDir,
      Consumer<String> progress) {
    sc.setJobDescription("spiking evaluation");
    Broadcast<TrainedWeights> broadcast = sc.broadcast(weights);
    // Images go by broadcast (or executors read them), never inside the tasks' closures.
    Broadcast<Dataset> images = sharedDir == null ? sc.broadcast(test) : null;
    int partitions = partitions(test.count());
    EvaluationProgress listener =
        new EvaluationProgress(partitions, (long) test.count() * config.steps(), progress);
    sc.sc().addSparkListener(listener);
    try {
      // Every partition, even one without images, gives one EvaluationStats, so a reduce needs no
      // zero value: treeAggregate's would ride in every task's binary, a count per neuron (1.2 MB
      // and a warning from Spark on stderr for a network of 50,000 neurons).
      return (images != null ? batches(images, test.count()) : ranges(sharedDir, test))
          .mapPartitions(new PartitionSimulator(broadcast, config, simulator))
          .treeReduce(EvaluationStats::merge, partitions <= DRIVER_MERGES ? 1 : 2);
    } finally {
      sc.sc().removeSparkListener(listener);
      broadcast.destroy();
      if (images != null) {
        images.destroy();
      }
      sc.clearJobGroup();
    }
  }

  /**
   * The final prediction of every test image, in order (collects one int per image; for checks).
   */
  public int[] predictions(TrainedWeights weights, Dataset test, SimulationConfig config) {
    Broadcast<TrainedWeights> broadcast = sc.broadcast(weights);
    Broadcast<Dataset> images = sc.broadcast(test);
    try {
      int[] predictions = new int[test.count()];
      batches(images, test.count())
          .mapPartitions(PartitionSimulator.predictions(broadcast, config, simulator))
          .collect()
          .forEach(p -> predictions[p._1().intValue()] = p._2());
      return predictions;
    } finally {
      broadcast.destroy();
      images.destroy();
    }
  }

  /**
   * Whether executors can read {@code dir} themselves: any URI scheme but the local file system.
   */
  public static boolean isShared(String dir) {
    String scheme = HadoopPath.of(dir).toUri().getScheme();
    return scheme != null && !scheme.equals("file");
  }

  /** How many partitions the batches of {@code count} images are spread over. */
  private int partitions(int count) {
    int batches = (count + ImageBatch.PREFERRED_SIZE - 1) / ImageBatch.PREFERRED_SIZE;
    return Math.max(1, Math.min(workers * PARTITIONS_PER_WORKER, batches));
  }

  /** The first image of each batch of {@code count} images, spread over the partitions. */
  private JavaRDD<Integer> batchStarts(int count) {
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < count; from += ImageBatch.PREFERRED_SIZE) {
      starts.add(from);
    }
    return sc.parallelize(starts, partitions(count));
  }

  /** Batches that executors read from the test split of {@code dir} themselves. */
  private JavaRDD<IndexedBatch> ranges(String dir, Dataset test) {
    int count = test.count();
    int classes = test.classes();
    HashMap<String, String> conf = new HashMap<>();
    sc.hadoopConfiguration().forEach(e -> conf.put(e.getKey(), e.getValue()));
    return batchStarts(count)
        .map(
            from -> {
              Configuration hadoop = new Configuration(false);
              conf.forEach(hadoop::set);
              int to = Math.min(from + ImageBatch.PREFERRED_SIZE, count);
              return new IndexedBatch(
                  from, new DatasetLoader(hadoop).loadRange(dir, Split.TEST, from, to, classes));
            });
  }

  /** Batches sliced on the executors from the broadcast test set. */
  private JavaRDD<IndexedBatch> batches(Broadcast<Dataset> images, int count) {
    return batchStarts(count)
        .map(
            from ->
                new IndexedBatch(
                    from,
                    images.value().slice(from, Math.min(from + ImageBatch.PREFERRED_SIZE, count))));
  }
}
