package snnspark.driver;

/**
 * How the rate network is trained (SPEC.md section 3, distributed).
 *
 * @param epochs passes over the training set
 * @param batchSizePerWorker minibatch each worker fits at a time
 * @param averagingFrequency minibatches each worker fits between parameter averages
 * @param seed seed of weight initialisation, dropout and data splits
 * @param trainLimit use only the first this many training images (0: all)
 */
public record TrainSettings(
    int epochs, int batchSizePerWorker, int averagingFrequency, long seed, int trainLimit) {

  /** The seed's settings: 5 epochs of minibatch 200; averaging every 5 minibatches. */
  public static final TrainSettings SEED = new TrainSettings(5, 200, 5, 0, 0);

  /** Rejects values no training can run with, naming the CLI option. */
  public TrainSettings {
    UserException.atLeastOne("--epochs", epochs);
    UserException.atLeastOne("--batch-size", batchSizePerWorker);
    UserException.atLeastOne("--averaging-frequency", averagingFrequency);
    if (trainLimit < 0) {
      throw new UserException("--train-limit must be at least 1, got " + trainLimit);
    }
  }
}
