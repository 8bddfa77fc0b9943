package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.io.UserException;
import snnspark.driver.model.Tuning;
import snnspark.driver.train.Preset;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.sim.SimulationConfig;

/**
 * The training flags, shared by {@code train} and {@code run}; they build {@link TrainSettings}
 * from a {@link Preset}, each flag given overriding the preset's value.
 */
public final class TrainOptions {
  /** Adam's learning rate when {@code --optimizer adam} comes without one (Kingma &amp; Ba). */
  private static final double DEFAULT_ADAM_RATE = 0.001;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      converter = PresetConverter.class,
      description =
          "seed (the tutorial's training) or tuned (for spiking accuracy at "
              + SimulationConfig.TUTORIAL_STEPS
              + " steps; docs/results.md) (default: seed).")
  Preset preset = Preset.SEED;

  @Option(
      names = "--network",
      paramLabel = "FILE|JSON",
      description =
          "The network to train: a JSON object {\"layers\": [...]} (docs/networks.md), in a file"
              + " or inline"
              + " (default: the tutorial's, conv 3x3x32, conv 3x3x32, avgpool 2, dense 128,"
              + " dropout 0.4).")
  String network;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "Epochs (seed: "
              + TrainSettings.TUTORIAL_EPOCHS
              + ", tuned: "
              + Preset.TUNED_EPOCHS
              + ").")
  Integer epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Minibatch of one training step over all workers together; each worker takes"
              + " its share (default: "
              + TrainSettings.TUTORIAL_BATCH_SIZE
              + ").")
  Integer batchSize;

  @Option(
      names = "--averaging-frequency",
      paramLabel = "N",
      description =
          "Minibatches per worker between parameter averages (default: "
              + TrainSettings.TUTORIAL_AVERAGING_FREQUENCY
              + ").")
  Integer averagingFrequency;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: 0).")
  Long seed;

  @Option(
      names = "--train-limit",
      paramLabel = "N",
      description = "Train on the first N images only (default: 0, all).")
  Integer trainLimit;

  @Option(
      names = "--training-noise",
      paramLabel = "HZ",
      description =
          "Add Gaussian noise of this standard deviation (Hz) to every active neuron's output"
              + " while training, to make the network robust to spikes (Hunsberger & Eliasmith"
              + " 2015; default: 0).")
  Double trainingNoiseHz;

  @Option(
      names = "--max-rate",
      paramLabel = "HZ",
      description =
          "Every neuron's firing rate at input 1; the amplitude is 1/HZ, so outputs keep their"
              + " scale (seed: "
              + NeuronParams.TUTORIAL_MAX_RATE_HZ
              + ", tuned: "
              + Preset.TUNED_MAX_RATE_HZ
              + "; below 1/tau_ref = "
              + (int) (1 / NeuronParams.TUTORIAL_TAU_REF)
              + ").")
  Double maxRateHz;

  @Option(
      names = "--tau-ref",
      paramLabel = "SECONDS",
      description =
          "The neurons' refractory period, in training and spiking evaluation (default: "
              + NeuronParams.TUTORIAL_TAU_REF
              + ", the tutorial's); 0, none, makes the NIR export mean exactly what was evaluated.")
  Double tauRef;

  @Option(
      names = "--rate-target",
      paramLabel = "HZ",
      description =
          "Mean rate each neuron layer is pulled towards while training (with --rate-weight).")
  Double rateTargetHz;

  @Option(
      names = "--rate-weight",
      paramLabel = "W",
      description =
          "Weight of the penalty W*(mean rate/target - 1)^2 per layer and image (default: 0,"
              + " none).")
  Double rateWeight;

  @Option(
      names = "--augment-shift",
      paramLabel = "PX",
      description =
          "Shift each training image by up to PX pixels along each axis, drawn anew every epoch"
              + " (default: 0).")
  Integer shiftPixels;

  @Option(
      names = "--augment-mirror",
      description =
          "Mirror half the training images left to right, drawn anew every epoch: for classes"
              + " that do not depend on handedness (clothes, objects; not digits).")
  boolean mirrorImages;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      converter = OptimizerConverter.class,
      description = "adadelta (the tutorial's; default) or adam.")
  Tuning.Optimizer optimizer;

  @Option(
      names = "--learning-rate",
      paramLabel = "LR",
      description = "Adam's learning rate in the first epoch (default: " + DEFAULT_ADAM_RATE + ").")
  Double learningRate;

  @Option(
      names = "--lr-decay",
      paramLabel = "F",
      description = "Multiply Adam's learning rate by F after every epoch (default: 1).")
  Double learningRateDecay;

  @Option(
      names = "--weight-decay",
      paramLabel = "W",
      description =
          "With adam: after every step shrink each weight (not the biases) by the step's learning"
              + " rate times W, decoupled from the gradient as AdamW does (default: 0, none).")
  Double weightDecay;

  @Option(
      names = "--average-epochs",
      paramLabel = "K",
      description =
          "Make the model the mean of the parameters after each of the last K epochs"
              + " (seed: 1, the last epoch's own; tuned: "
              + Preset.TUNED_AVERAGED_EPOCHS
              + ").")
  Integer averagedEpochs;

  @Option(
      names = "--normalize",
      description =
          "Standardise each channel of the images with the training set's mean and deviation"
              + " (stored in the model, which takes raw images).")
  boolean normalize;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "URI",
      description =
          "Write a checkpoint (model, AdaDelta state, progress) here after every epoch,"
              + " atomically.")
  String checkpointDir;

  @Option(
      names = "--resume",
      description =
          "Continue after the newest complete checkpoint in --checkpoint-dir (start afresh if"
              + " there is none).")
  boolean resume;

  /** Where checkpoints go, or null; checks --resume has a folder to resume from. */
  String checkpointDir() {
    if (resume && checkpointDir == null) {
      throw new UserException("--resume needs --checkpoint-dir (the folder to resume from)");
    }
    return checkpointDir;
  }

  TrainSettings settings() {
    TrainSettings base = preset.settings();
    int limit = trainLimit == null ? 0 : trainLimit;
    int epochCount = or(epochs, base.epochs());
    return base.toBuilder()
        .epochs(epochCount)
        .batchSize(or(batchSize, base.batchSize()))
        .averagingFrequency(or(averagingFrequency, base.averagingFrequency()))
        .seed(or(seed, base.seed()))
        .trainLimit(limit)
        .trainingNoiseHz(or(trainingNoiseHz, base.trainingNoiseHz()))
        .tuning(tuning(base.tuning().averagingAtMost(epochCount)))
        .network(NetworkArgument.read(network))
        .build();
  }

  private Tuning tuning(Tuning base) {
    Tuning.Optimizer chosen = or(optimizer, base.optimizer());
    boolean adam = chosen == Tuning.Optimizer.ADAM;
    boolean sameOptimizer = chosen == base.optimizer();
    double rate = sameOptimizer ? base.learningRate() : adam ? DEFAULT_ADAM_RATE : 0;
    double decay = sameOptimizer ? base.learningRateDecay() : 1;
    return base.toBuilder()
        .maxRateHz(or(maxRateHz, base.maxRateHz()))
        .tauRef(or(tauRef, base.tauRef()))
        .rates(or(rateTargetHz, base.rateTargetHz()), or(rateWeight, base.rateWeight()))
        .shiftPixels(or(shiftPixels, base.shiftPixels()))
        .mirrorImages(mirrorImages || base.mirrorImages())
        .standardizeInput(normalize || base.standardizeInput())
        .optimizer(chosen, or(learningRate, rate), or(learningRateDecay, decay))
        .weightDecay(or(weightDecay, sameOptimizer ? base.weightDecay() : 0))
        // Checked here too: Tuning reads 0 as 1, the default of files from before averaging.
        .averagedEpochs(
            averagedEpochs == null
                ? base.averagedEpochs()
                : UserException.atLeastOne("averageEpochs", averagedEpochs))
        .build();
  }

  private static <T> T or(T given, T preset) {
    return given != null ? given : preset;
  }

  /** Accepts preset names in any case. */
  static final class PresetConverter extends LowerCaseEnumConverter<Preset> {
    PresetConverter() {
      super(Preset.class);
    }
  }

  /** Accepts optimizer names in any case. */
  static final class OptimizerConverter extends LowerCaseEnumConverter<Tuning.Optimizer> {
    OptimizerConverter() {
      super(Tuning.Optimizer.class);
    }
  }
}
