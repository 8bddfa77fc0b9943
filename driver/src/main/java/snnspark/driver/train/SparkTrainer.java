package snnspark.driver.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import snnspark.datasets.TrainingSet;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.model.TrainingRun;
import snnspark.driver.model.Tuning;
import snnspark.worker.ChannelMoments;
import snnspark.worker.InputStandardization;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.Stopwatch;
import snnspark.worker.TrainedWeights;
import snnspark.worker.train.Dl4jNetworks;
import snnspark.worker.train.ImageAugmentation;
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
        Dl4jNetworks.training(
            arch, settings.tuning().recipe(settings.seed(), settings.trainingNoiseHz())));
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

  /** The training master of a fresh run: parameter averaging with the updater state averaged. */
  ParameterAveragingTrainingMaster trainingMaster() {
    return trainingMaster(0);
  }

  /** The training master of a run that has trained {@code epochsDone} epochs already. */
  private ParameterAveragingTrainingMaster trainingMaster(int epochsDone) {
    ParameterAveragingTrainingMaster.Builder builder =
        new ParameterAveragingTrainingMaster.Builder(workers, batchSizePerWorker)
            .batchSizePerWorker(batchSizePerWorker)
            .averagingFrequency(settings.averagingFrequency())
            // DL4J defaults this to false whatever its Javadoc says; without it AdaDelta's
            // running averages restart from zero at every averaging round.
            .saveUpdater(true)
            // A worker fits one minibatch a round by default: a prefetch thread per task only
            // took a core's time from the other worker (measured: 3% faster without).
            .workerPrefetchNumBatches(0)
            // The minibatches are already cut and spread evenly; Direct avoids exporting them
            // to disk.
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .repartionData(Repartition.Never)
            .storageLevel(StorageLevel.MEMORY_ONLY())
            .rngSeed(SnnArchitecture.dl4jSeed(settings.seed()));
    return new ReproducibleTrainingMaster(builder, epochsDone);
  }

  /**
   * Trains on {@code train} (already limited), measures the rate error on {@code test}, and reports
   * each finished epoch to {@code log}.
   */
  public TrainedModel train(
      TrainingSet train, Dataset test, String datasetName, Consumer<String> log) {
    return train(train, test, datasetName, log, null, false);
  }

  /**
   * As {@link #train(TrainingSet, Dataset, String, Consumer)}, writing a checkpoint to {@code
   * checkpoints} (when not null) after every epoch; with {@code resume}, training continues after
   * the newest complete checkpoint there (or starts afresh when there is none).
   */
  public TrainedModel train(
      TrainingSet train,
      Dataset test,
      String datasetName,
      Consumer<String> log,
      TrainingCheckpoints checkpoints,
      boolean resume) {
    History history = new History(settings, arch);
    SparkDl4jMultiLayer sparkNet = startOrResume(train, checkpoints, resume, history, log);
    if (checkpoints != null) {
      checkpoints.begin();
    }
    JavaRDD<DataSet> minibatches = cachedMinibatches(train, history);
    Dataset epochTest = test.head(ModelMetadata.EPOCH_ERROR_IMAGES);
    Stopwatch clock = Stopwatch.startedSecondsAgo(history.previousSeconds);
    try {
      for (int epoch = history.firstEpoch; epoch <= settings.epochs(); epoch++) {
        double seconds = fitEpoch(epoch, sparkNet, minibatches, epochTest, history);
        double elapsed = clock.seconds();
        if (checkpoints != null) {
          checkpoints.save(
              sparkNet.getNetwork(),
              new TrainingCheckpoints.Progress(
                  epoch,
                  run(train.count(), datasetName, history, epoch, elapsed),
                  history.fitSeconds,
                  settings.network()));
        }
        log.accept(
            epochLine(
                epoch, train.count(), seconds, sparkNet.getScore(), epochTest, history, elapsed));
      }
    } finally {
      minibatches.unpersist(false);
      sc.clearJobGroup();
      ((ReproducibleTrainingMaster) sparkNet.getTrainingMaster()).forgetNetworks();
    }
    if (checkpoints != null) {
      checkpoints.complete();
    }
    MultiLayerNetwork network = sparkNet.getNetwork();
    history.average.applyTo(network);
    history.foldStandardization(network);
    double trainSeconds = clock.seconds();
    return new TrainedModel(
        network,
        metadata(
            run(train.count(), datasetName, history, settings.epochs(), trainSeconds),
            test,
            network,
            history));
  }

  /**
   * Trains epoch {@code epoch} and records its loss, parameters and error on {@code epochTest} in
   * {@code history}; returns the seconds the fitting took.
   */
  private double fitEpoch(
      int epoch,
      SparkDl4jMultiLayer sparkNet,
      JavaRDD<DataSet> minibatches,
      Dataset epochTest,
      History history) {
    sc.setJobDescription("training epoch " + epoch + "/" + settings.epochs());
    Stopwatch epochClock = Stopwatch.start();
    sparkNet.fit(epochData(sparkNet, minibatches, epoch));
    double seconds = epochClock.seconds();
    history.fitSeconds += seconds;
    history.losses.add(sparkNet.getScore());
    history.average.add(epoch, sparkNet.getNetwork().params());
    history.epochErrors.add(
        RateEvaluator.errorRate(history.model(sparkNet.getNetwork()), epochTest));
    return seconds;
  }

  /**
   * The training set's minibatches, decoded once and cached before any timing starts; standardised
   * when the tuning asks for it, with the standardisation measured on them kept in {@code history}.
   */
  private JavaRDD<DataSet> cachedMinibatches(TrainingSet train, History history) {
    JavaRDD<DataSet> raw =
        train.minibatches(sc, batchSizePerWorker, workers).persist(StorageLevel.MEMORY_ONLY());
    if (!settings.tuning().standardizeInput()) {
      raw.count();
      return raw;
    }
    sc.setJobDescription("measuring the training images' mean and deviation per channel");
    InputStandardization standardization = InputStandardization.of(moments(raw, arch.channels()));
    JavaRDD<DataSet> standardized =
        raw.map(standardization::standardize).persist(StorageLevel.MEMORY_ONLY());
    standardized.count();
    raw.unpersist(false);
    history.standardization = standardization;
    return standardized;
  }

  /** The images' moments: each partition sums its own, the driver adds them in partition order. */
  private static ChannelMoments moments(JavaRDD<DataSet> minibatches, int channels) {
    List<ChannelMoments> partitions =
        minibatches
            .mapPartitions(
                batches -> {
                  ChannelMoments sum = new ChannelMoments(channels);
                  batches.forEachRemaining(batch -> sum.add(batch.getFeatures()));
                  return List.of(sum).iterator();
                })
            .collect();
    ChannelMoments total = new ChannelMoments(channels);
    partitions.forEach(total::add);
    return total;
  }

  /**
   * The minibatches of {@code epoch}: shifted or mirrored anew when augmenting, with the epoch's
   * learning rate set on the network, which DL4J broadcasts to the workers with the parameters at
   * every round.
   */
  private JavaRDD<DataSet> epochData(
      SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> minibatches, int epoch) {
    Tuning tuning = settings.tuning();
    if (tuning.optimizer() == Tuning.Optimizer.ADAM) {
      sparkNet.getNetwork().setLearningRate(tuning.learningRate(epoch));
    }
    ImageAugmentation augmentation = tuning.augmentation(settings.seed());
    if (!augmentation.isOn()) {
      return minibatches;
    }
    return minibatches.mapPartitionsWithIndex(
        (partition, batches) -> augmentation.apply(batches, epoch, partition), true);
  }

  /**
   * What the epochs so far recorded: losses, errors, seconds, the parameters to average, and where
   * to go on from.
   */
  private static final class History {
    final EpochAverage average;
    final List<Double> losses = new ArrayList<>();
    final List<Double> epochErrors = new ArrayList<>();
    double previousSeconds;
    double fitSeconds;
    int firstEpoch = 1;

    /** The training images' standardisation, or null when they train raw. */
    InputStandardization standardization;

    private final SnnArchitecture arch;

    History(TrainSettings settings, SnnArchitecture arch) {
      average = new EpochAverage(settings.epochs(), settings.tuning().averagedEpochs());
      this.arch = arch;
    }

    /**
     * The model {@code training} stands for, taking images as they come: itself, or a copy with the
     * standardisation folded in.
     */
    MultiLayerNetwork model(MultiLayerNetwork training) {
      if (standardization == null) {
        return training;
      }
      MultiLayerNetwork copy = training.clone();
      foldStandardization(copy);
      return copy;
    }

    /** Folds the standardisation, if any, into {@code network}'s first weighted layer. */
    void foldStandardization(MultiLayerNetwork network) {
      if (standardization != null) {
        network.setParams(
            TrainedWeights.of(arch, network.params())
                .withStandardizedInput(standardization)
                .paramsArray());
      }
    }
  }

  /**
   * The network to train: from the newest checkpoint when resuming (its history copied into {@code
   * history}), else freshly initialised.
   */
  private SparkDl4jMultiLayer startOrResume(
      TrainingSet train,
      TrainingCheckpoints checkpoints,
      boolean resume,
      History history,
      Consumer<String> log) {
    Optional<TrainingCheckpoints.Checkpoint> checkpoint =
        resume ? checkpoints.latest() : Optional.empty();
    if (checkpoint.isEmpty()) {
      return new SparkDl4jMultiLayer(sc, configuration, trainingMaster());
    }
    TrainingCheckpoints.Checkpoint last = checkpoint.get();
    TrainingCheckpoints.Progress progress = last.progress();
    progress.checkResumableBy(settings, train.count(), workers, last.uri());
    ModelStore.checkArchitecture(
        last.uri(), last.network(), arch, settings.seed(), settings.trainingNoiseHz());
    history.losses.addAll(progress.run().lossByEpoch());
    history.epochErrors.addAll(progress.run().rateErrorByEpoch());
    history.previousSeconds = progress.run().trainSeconds();
    history.fitSeconds = progress.fitSeconds();
    history.firstEpoch = progress.epoch() + 1;
    for (int epoch = Math.max(1, history.average.firstEpoch());
        epoch <= progress.epoch();
        epoch++) {
      history.average.add(epoch, checkpoints.parameters(epoch));
    }
    log.accept("resuming after epoch " + progress.epoch() + " from " + last.uri());
    return new SparkDl4jMultiLayer(sc, last.network(), trainingMaster(progress.epoch()));
  }

  /** The run after {@code epochsDone} epochs and {@code seconds} of wall time. */
  private TrainingRun run(
      int nTrain, String datasetName, History history, int epochsDone, double seconds) {
    return TrainingRun.builder()
        .dataset(datasetName)
        .nTrain(nTrain)
        .epochs(settings.epochs())
        .workers(workers)
        .batchSizePerWorker(batchSizePerWorker)
        .averagingFrequency(settings.averagingFrequency())
        .seed(settings.seed())
        .trainingNoiseHz(settings.trainingNoiseHz())
        .tuning(settings.tuning())
        .lossByEpoch(history.losses)
        .rateErrorByEpoch(history.epochErrors)
        .trainSeconds(seconds)
        // Training speed counts the fitting only, not the per-epoch error measurements.
        .trainImagesPerSecond((double) nTrain * epochsDone / history.fitSeconds)
        .build();
  }

  private String epochLine(
      int epoch,
      int images,
      double seconds,
      double loss,
      Dataset epochTest,
      History history,
      double elapsed) {
    double secondsPerEpoch = (elapsed - history.previousSeconds) / (epoch - history.firstEpoch + 1);
    return String.format(
        Locale.ROOT,
        "epoch %d/%d: %d images in %.0f s (%.0f images/s), loss %.4f,"
            + " rate error %.2f%% (first %d test images), ETA %.0f s",
        epoch,
        settings.epochs(),
        images,
        seconds,
        images / seconds,
        loss,
        100 * history.epochErrors.get(epoch - 1),
        epochTest.count(),
        secondsPerEpoch * (settings.epochs() - epoch));
  }

  private ModelMetadata metadata(
      TrainingRun run, Dataset test, MultiLayerNetwork network, History history) {
    return ModelMetadata.builder()
        .architecture(arch)
        .training(run)
        .inputStandardization(history.standardization)
        .rateError(RateEvaluator.errorRate(network, test))
        .nTest(test.count())
        .build();
  }
}
