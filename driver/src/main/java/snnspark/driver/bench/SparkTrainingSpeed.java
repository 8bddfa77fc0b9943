package snnspark.driver.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import snnspark.datasets.Dataset;
import snnspark.driver.train.SparkTrainer;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.SnnArchitecture;

/**
 * Training speed through Spark, as {@code train} runs it: {@value #MEASURED_EPOCHS} epochs of
 * parameter averaging over a dataset, after a warm-up epoch (JIT, native libraries, Spark's first
 * stages) that is not counted.
 */
public final class SparkTrainingSpeed {
  /**
   * Minibatches (averaging rounds) of the uncounted warm-up epoch. Spark's event log of a fresh JVM
   * shows the rounds' cost settling only after about 30 rounds: with the same worker CPU time (138
   * ms), rounds 1-10 took 304 + 50 ms (job + gap to the next), 11-20 230 + 30, 21-30 203 + 30, from
   * 31 on 180 + 20 (Spark's and DL4J's per-round code being compiled). With 5 warm-up rounds, as
   * before, the measured epoch carried most of that.
   */
  private static final int WARM_UP_MINIBATCHES = 40;

  /**
   * Epochs timed together. One epoch of 12,000 images (60 rounds) still ran below the steady state:
   * 998-1,060 images/s, while full trainings' later epochs ran at 1,117-1,261 (docs/performance.md,
   * "bench training"); three make the figure that of a training more than of its first minute.
   */
  public static final int MEASURED_EPOCHS = 3;

  private final JavaSparkContext sc;
  private final SnnArchitecture arch;
  private final TrainSettings warmUpEpoch;
  private final TrainSettings measured;
  private final int workers;

  /** Measures on {@code sc} with {@code workers}, with {@code settings} but its own epochs. */
  public SparkTrainingSpeed(
      JavaSparkContext sc, SnnArchitecture arch, TrainSettings settings, int workers) {
    this.sc = sc;
    this.arch = arch;
    this.warmUpEpoch = epochsOf(settings, 1);
    this.measured = epochsOf(settings, MEASURED_EPOCHS);
    this.workers = workers;
  }

  /**
   * {@code settings}' rounds for {@code epochs} epochs; nothing tuned, since the configuration
   * measured carries the network, and averaging a preset's last epochs needs more than these.
   */
  private static TrainSettings epochsOf(TrainSettings settings, int epochs) {
    return TrainSettings.builder()
        .epochs(epochs)
        .batchSize(settings.batchSize())
        .averagingFrequency(settings.averagingFrequency())
        .seed(settings.seed())
        .build();
  }

  /** Training images per second of {@code configuration} over {@code train}. */
  public double imagesPerSecond(
      MultiLayerConfiguration configuration, Dataset train, String datasetName) {
    int batch = measured.batchSize();
    Dataset test = train.head(Math.min(train.count(), batch));
    Dataset warmUp = train.head(Math.min(train.count(), WARM_UP_MINIBATCHES * batch));
    new SparkTrainer(sc, arch, warmUpEpoch, workers, configuration)
        .train(warmUp, test, datasetName, line -> {});
    SparkTrainer trainer = new SparkTrainer(sc, arch, measured, workers, configuration);
    return trainer
        .train(train, test, datasetName, line -> {})
        .metadata()
        .training()
        .trainImagesPerSecond();
  }
}
