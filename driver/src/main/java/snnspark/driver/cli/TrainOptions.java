package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.io.UserException;
import snnspark.driver.train.TrainSettings;

/**
 * The training flags, shared by {@code train} and {@code run}; they build {@link TrainSettings}.
 */
public final class TrainOptions {
  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs = TrainSettings.TUTORIAL.epochs();

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Minibatch of one training step over all workers together; each worker takes"
              + " its share (default: ${DEFAULT-VALUE}).")
  int batchSize = TrainSettings.TUTORIAL.batchSize();

  @Option(
      names = "--averaging-frequency",
      paramLabel = "N",
      description =
          "Minibatches per worker between parameter averages (default: ${DEFAULT-VALUE}).")
  int averagingFrequency = TrainSettings.TUTORIAL.averagingFrequency();

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = TrainSettings.TUTORIAL.seed();

  @Option(
      names = "--train-limit",
      paramLabel = "N",
      description = "Train on the first N images only (default: all).")
  Integer trainLimit;

  @Option(
      names = "--training-noise",
      paramLabel = "HZ",
      description =
          "Add Gaussian noise of this standard deviation (Hz) to every active neuron's output"
              + " while training, to make the network robust to spikes (Hunsberger & Eliasmith"
              + " 2015; default: ${DEFAULT-VALUE}, the tutorial's training).")
  double trainingNoiseHz = TrainSettings.TUTORIAL.trainingNoiseHz();

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
    int limit = trainLimit == null ? 0 : UserException.atLeastOne("--train-limit", trainLimit);
    return new TrainSettings(epochs, batchSize, averagingFrequency, seed, limit, trainingNoiseHz);
  }
}
