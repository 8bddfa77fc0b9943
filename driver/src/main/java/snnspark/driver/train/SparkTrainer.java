package snnspark.driver.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import snnspark.datasets.Dataset;
import snnspark.datasets.MinibatchPartitioner;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;
import snnspark.worker.train.RateEvaluator;

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
  private final MultiLayerConfiguration configuration;
  private final int batchSizePerWorker;

  /** A trainer of {@code arch}'s fast training network on {@code sc} with {@code workers}. */
  public SparkTrainer(
      JavaSparkContext sc, SnnArchitecture arch, TrainSettings settings, int workers) {
    this(
        sc,
        arch,
        settings,
        workers,
        Dl4jNetworks.training(arch, settings.seed(), settings.trainingNoiseHz()));
  }

  /**
   * A trainer of the network {@code configuration} ({@code snn bench training} passes the
   * baseline).
   */
  public SparkTrainer(
      JavaSparkContext sc,
      SnnArchitecture arch,
      TrainSettings settings,
      int workers,
      MultiLayerConfiguration configuration) {
    this.sc = sc;
    this.arch = arch;
    this.settings = settings;
    this.workers = workers;
    this.configuration = configuration;
    this.batchSizePerWorker = settings.batchSizePerWorker(workers);
  }

  /** The training master: parameter averaging with the updater state averaged too. */
  ParameterAveragingTrainingMaster trainingMaster() {
    return new ParameterAveragingTrainingMaster.Builder(workers, batchSizePerWorker)
        .batchSizePerWorker(batchSizePerWorker)
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
   * each finished epoch to {@code log}.
   */
  public TrainedModel train(Dataset train, Dataset test, String datasetName, Consumer<String> log) {
    return train(train, test, datasetName, log, null, false);
  }

  /**
   * As {@link #train(Dataset, Dataset, String, Consumer)}, writing a checkpoint to {@code
   * checkpoints} (when not null) after every epoch; with {@code resume}, training continues after
   * the newest complete checkpoint there (or starts afresh when there is none).
   */
  public TrainedModel train(
      Dataset train,
      Dataset test,
      String datasetName,
      Consumer<String> log,
      TrainingCheckpoints checkpoints,
      boolean resume) {
    List<Double> losses = new ArrayList<>();
    List<Double> epochErrors = new ArrayList<>();
    double previousSeconds = 0;
    double fitSeconds = 0;
    int firstEpoch = 1;
    SparkDl4jMultiLayer sparkNet;
    var checkpoint =
        resume ? checkpoints.latest() : java.util.Optional.<TrainingCheckpoints.Checkpoint>empty();
    if (checkpoint.isPresent()) {
      TrainingCheckpoints.Progress progress = checkpoint.get().progress();
      progress.checkResumableBy(settings, train.count(), workers, checkpoint.get().uri());
      ModelStore.checkArchitecture(
          checkpoint.get().uri(),
          checkpoint.get().network(),
          arch,
          settings.seed(),
          settings.trainingNoiseHz());
      losses.addAll(progress.lossByEpoch());
      epochErrors.addAll(progress.rateErrorByEpoch());
      previousSeconds = progress.trainSeconds();
      fitSeconds = progress.fitSeconds();
      firstEpoch = progress.epoch() + 1;
      sparkNet = new SparkDl4jMultiLayer(sc, checkpoint.get().network(), trainingMaster());
      log.accept("resuming after epoch " + progress.epoch() + " from " + checkpoint.get().uri());
    } else {
      sparkNet = new SparkDl4jMultiLayer(sc, configuration, trainingMaster());
    }
    JavaRDD<DataSet> minibatches =
        MinibatchPartitioner.partition(sc, train, batchSizePerWorker, workers)
            .persist(StorageLevel.MEMORY_ONLY());
    minibatches.count(); // builds the cached minibatches once, before any timing starts
    Dataset epochTest = test.head(ModelMetadata.EPOCH_ERROR_IMAGES);
    long start = System.nanoTime() - (long) (previousSeconds * 1e9);
    try {
      for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
        sc.setJobDescription("training epoch " + epoch + "/" + settings.epochs());
        long epochStart = System.nanoTime();
        sparkNet.fit(minibatches);
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        fitSeconds += seconds;
        losses.add(sparkNet.getScore());
        epochErrors.add(RateEvaluator.errorRate(sparkNet.getNetwork(), epochTest));
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (checkpoints != null) {
          checkpoints.save(
              sparkNet.getNetwork(),
              new TrainingCheckpoints.Progress(
                  TrainingCheckpoints.Progress.FORMAT_VERSION,
                  epoch,
                  train.count(),
                  workers,
                  settings.batchSize(),
                  settings.averagingFrequency(),
                  settings.seed(),
                  settings.trainingNoiseHz(),
                  List.copyOf(losses),
                  List.copyOf(epochErrors),
                  elapsed,
                  fitSeconds));
        }
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
                (elapsed - previousSeconds)
                    / (epoch - firstEpoch + 1)
                    * (settings.epochs() - epoch)));
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
            batchSizePerWorker,
            settings.averagingFrequency(),
            settings.seed(),
            settings.trainingNoiseHz(),
            rateError,
            test.count(),
            losses,
            epochErrors,
            trainSeconds,
            // Training speed counts the fitting only, not the per-epoch error measurements.
            (double) train.count() * settings.epochs() / fitSeconds);
    return new TrainedModel(network, metadata);
  }
}
