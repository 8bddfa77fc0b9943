package snnspark.driver;

import picocli.CommandLine.Option;

/**
 * The training flags, shared by {@code train} and {@code run}; they build {@link TrainSettings}.
 */
public final class TrainOptions {
  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs = TrainSettings.SEED.epochs();

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Minibatch per worker (default: ${DEFAULT-VALUE}).")
  int batchSize = TrainSettings.SEED.batchSizePerWorker();

  @Option(
      names = "--averaging-frequency",
      paramLabel = "N",
      description =
          "Minibatches per worker between parameter averages (default: ${DEFAULT-VALUE}).")
  int averagingFrequency = TrainSettings.SEED.averagingFrequency();

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = TrainSettings.SEED.seed();

  @Option(
      names = "--train-limit",
      paramLabel = "N",
      description = "Train on the first N images only (default: all).")
  Integer trainLimit;

  TrainSettings settings() {
    int limit = trainLimit == null ? 0 : UserException.atLeastOne("--train-limit", trainLimit);
    return new TrainSettings(epochs, batchSize, averagingFrequency, seed, limit);
  }
}
