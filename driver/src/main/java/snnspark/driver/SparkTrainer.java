package snnspark.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import snnspark.datasets.Dataset;
import snnspark.datasets.MinibatchPartitioner;
import snnspark.worker.RateEvaluator;
import snnspark.worker.SnnArchitecture;

/**
 * Trains the rate (SoftLIF) network on Spark by parameter averaging (DL4J's {@link
 * ParameterAveragingTrainingMaster}): the training set is cut into minibatches spread over {@code
 * workers} partitions; each worker fits {@code averagingFrequency} minibatches, then parameters and
 * AdaDelta state are averaged on the driver and sent back out.
 */
public final class SparkTrainer {
  private final JavaSparkContext sc;
  private final SnnArchitecture arch;
  private final TrainSettings settings;
  private final int workers;

  /** A trainer for {@code arch} on {@code sc} with {@code workers} workers. */
  public SparkTrainer(
      JavaSparkContext sc, SnnArchitecture arch, TrainSettings settings, int workers) {
    this.sc = sc;
    this.arch = arch;
    this.settings = settings;
    this.workers = workers;
  }

  /** The training master: parameter averaging with the updater state averaged too. */
  ParameterAveragingTrainingMaster trainingMaster() {
    return new ParameterAveragingTrainingMaster.Builder(workers, settings.batchSizePerWorker())
        .batchSizePerWorker(settings.batchSizePerWorker())
        .averagingFrequency(settings.averagingFrequency())
        // DL4J defaults this to false whatever its Javadoc says; without it AdaDelta's running
        // averages restart from zero at every averaging round.
        .saveUpdater(true)
        .workerPrefetchNumBatches(2)
        // The minibatches are already cut and spread evenly; Direct avoids exporting them to disk.
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .repartionData(Repartition.Never)
        .storageLevel(StorageLevel.MEMORY_ONLY())
        .rngSeed(SnnArchitecture.dl4jSeed(settings.seed()))
        .build();
  }

  /**
   * Trains on {@code train} (already limited), measures the rate error on {@code test}, and reports
   * each finished epoch's loss to {@code onEpoch}.
   */
  public TrainedModel train(Dataset train, Dataset test, String datasetName, Consumer<String> log) {
    JavaRDD<DataSet> minibatches =
        MinibatchPartitioner.partition(sc, train, settings.batchSizePerWorker(), workers)
            .persist(StorageLevel.MEMORY_ONLY());
    SparkDl4jMultiLayer sparkNet =
        new SparkDl4jMultiLayer(sc, arch.trainingConfiguration(settings.seed()), trainingMaster());
    List<Double> losses = new ArrayList<>();
    List<Double> epochErrors = new ArrayList<>();
    Dataset epochTest = test.head(ModelMetadata.EPOCH_ERROR_IMAGES);
    long start = System.nanoTime();
    try {
      for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
        sc.setJobDescription("training epoch " + epoch + "/" + settings.epochs());
        long epochStart = System.nanoTime();
        sparkNet.fit(minibatches);
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        losses.add(sparkNet.getScore());
        epochErrors.add(RateEvaluator.errorRate(sparkNet.getNetwork(), epochTest));
        double elapsed = (System.nanoTime() - start) / 1e9;
        log.accept(
            String.format(
                java.util.Locale.ROOT,
                "epoch %d/%d: %d images in %.0f s (%.0f images/s), loss %.4f,"
                    + " rate error %.2f%% (first %d test images), ETA %.0f s",
                epoch,
                settings.epochs(),
                train.count(),
                seconds,
                train.count() / seconds,
                sparkNet.getScore(),
                100 * epochErrors.get(epoch - 1),
                epochTest.count(),
                elapsed / epoch * (settings.epochs() - epoch)));
      }
    } finally {
      minibatches.unpersist(false);
      sc.clearJobGroup();
    }
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    MultiLayerNetwork network = sparkNet.getNetwork();
    double rateError = RateEvaluator.errorRate(network, test);
    ModelMetadata metadata =
        new ModelMetadata(
            ModelMetadata.FORMAT_VERSION,
            arch,
            datasetName,
            train.count(),
            settings.epochs(),
            workers,
            settings.batchSizePerWorker(),
            settings.averagingFrequency(),
            settings.seed(),
            rateError,
            test.count(),
            losses,
            epochErrors,
            trainSeconds,
            (double) train.count() * settings.epochs() / trainSeconds);
    return new TrainedModel(network, metadata);
  }
}
