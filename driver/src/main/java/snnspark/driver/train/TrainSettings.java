package snnspark.driver.train;

import snnspark.driver.io.UserException;
import snnspark.driver.model.Tuning;
import snnspark.worker.InputStandardization;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;
import snnspark.worker.train.SpikeNoise;

/**
 * How the rate network is trained (docs/model.md, "Training", distributed).
 *
 * @param epochs passes over the training set
 * @param batchSize images per training step over all workers together (the tutorial's minibatch):
 *     each worker fits {@code batchSize / workers} of them before its next step
 * @param averagingFrequency minibatches each worker fits between parameter averages
 * @param seed seed of weight initialisation, dropout and data splits
 * @param trainLimit use only the first this many training images (0: all)
 * @param trainingNoiseHz standard deviation of the noise on neuron outputs while training, in Hz
 *     (Hunsberger &amp; Eliasmith 2015; 0, the tutorial's training: none)
 * @param tuning what else changes from the tutorial's training ({@link Tuning#SEED}: nothing)
 * @param network the layers to train ({@link NetworkDescription#TUTORIAL}: the tutorial's)
 */
public record TrainSettings(
    int epochs,
    int batchSize,
    int averagingFrequency,
    long seed,
    int trainLimit,
    double trainingNoiseHz,
    Tuning tuning,
    NetworkDescription network) {

  /**
   * The tutorial's settings: 5 epochs of minibatch 200. The minibatch is the global one, so that
   * the workers together take as many steps per epoch as the tutorial (300): with 200 images per
   * worker, 2 workers took half as many and trained to 1.30% rate error. Parameters are averaged
   * after every minibatch, which makes the run the closest to the tutorial's single-process
   * training: measured on the full data with 2 workers, averaging every minibatch gave 0.98% rate
   * and 1.45% spiking error (30 steps), every 5 minibatches 1.25% and 2.23%.
   */
  public static final TrainSettings TUTORIAL = builder().build();

  /** The tutorial's epochs. */
  public static final int TUTORIAL_EPOCHS = 5;

  /** The tutorial's minibatch. */
  public static final int TUTORIAL_BATCH_SIZE = 200;

  /** Averaging after every minibatch, the closest to the tutorial's one process. */
  public static final int TUTORIAL_AVERAGING_FREQUENCY = 1;

  /** Rejects values no training can run with, naming the setting. */
  public TrainSettings {
    UserException.atLeastOne("epochs", epochs);
    UserException.atLeastOne("batchSize", batchSize);
    UserException.atLeastOne("averagingFrequency", averagingFrequency);
    UserException.countOrAll("trainLimit", trainLimit);
    UserException.checking(() -> new SpikeNoise(trainingNoiseHz, NeuronParams.TUTORIAL));
    if (tuning == null) {
      tuning = Tuning.SEED; // model.json files from before tuning existed
    }
    if (network == null) {
      network = NetworkDescription.TUTORIAL;
    }
    if (tuning.averagedEpochs() > epochs) {
      throw UserException.aboutSettings(
          "{averageEpochs} "
              + tuning.averagedEpochs()
              + " exceeds the "
              + epochs
              + " epochs of training");
    }
  }

  /** The same settings with {@code other} tuning. */
  public TrainSettings withTuning(Tuning other) {
    return toBuilder().tuning(other).build();
  }

  /** The same settings for the network {@code other} describes. */
  public TrainSettings withNetwork(NetworkDescription other) {
    return toBuilder().network(other).build();
  }

  /** A builder starting from the tutorial's settings ({@link #TUTORIAL}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return builder()
        .epochs(epochs)
        .batchSize(batchSize)
        .averagingFrequency(averagingFrequency)
        .seed(seed)
        .trainLimit(trainLimit)
        .trainingNoiseHz(trainingNoiseHz)
        .tuning(tuning)
        .network(network);
  }

  /** Builds {@link TrainSettings}; every value not set is the tutorial's. */
  public static final class Builder {
    private int epochs = TUTORIAL_EPOCHS;
    private int batchSize = TUTORIAL_BATCH_SIZE;
    private int averagingFrequency = TUTORIAL_AVERAGING_FREQUENCY;
    private long seed;
    private int trainLimit;
    private double trainingNoiseHz;
    private Tuning tuning = Tuning.SEED;
    private NetworkDescription network = NetworkDescription.TUTORIAL;

    private Builder() {}

    /** Sets {@code epochs}. */
    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    /** Sets {@code batchSize}. */
    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Sets {@code averagingFrequency}. */
    public Builder averagingFrequency(int value) {
      averagingFrequency = value;
      return this;
    }

    /** Sets {@code seed}. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Sets {@code trainLimit} (0: all). */
    public Builder trainLimit(int value) {
      trainLimit = value;
      return this;
    }

    /** Sets {@code trainingNoiseHz}. */
    public Builder trainingNoiseHz(double value) {
      trainingNoiseHz = value;
      return this;
    }

    /** Sets {@code tuning}. */
    public Builder tuning(Tuning value) {
      tuning = value;
      return this;
    }

    /** Sets {@code network}. */
    public Builder network(NetworkDescription value) {
      network = value;
      return this;
    }

    /** The settings of the values set, checked. */
    public TrainSettings build() {
      return new TrainSettings(
          epochs,
          batchSize,
          averagingFrequency,
          seed,
          trainLimit,
          trainingNoiseHz,
          tuning,
          network);
    }
  }

  /**
   * Refuses a description that does not fit {@code input} images, before the classes are known:
   * counting them is a pass over a table's rows, and they size only the output layer, which fits
   * any count.
   */
  public void checkFits(InputShape input) {
    architecture(input, 2);
  }

  /**
   * The network to train for {@code input} images of {@code classes} classes; a description that
   * does not fit them is refused in one line that names the layer.
   */
  public SnnArchitecture architecture(InputShape input, int classes) {
    try {
      SnnArchitecture arch = SnnArchitecture.of(network, input, classes, tuning.neurons());
      Dl4jNetworks.training(arch, tuning.recipe(seed, trainingNoiseHz)); // refuses what it can't
      if (tuning.standardizeInput()) {
        InputStandardization.checkFoldable(arch);
      }
      return arch;
    } catch (IllegalArgumentException e) {
      String which =
          network.equals(NetworkDescription.TUTORIAL) ? "the tutorial's network" : "{network}";
      throw UserException.aboutSettings(which + ", for " + input + " images: " + e.getMessage(), e);
    }
  }

  /** The minibatch of each of {@code workers} workers; at least one image each. */
  public int batchSizePerWorker(int workers) {
    if (batchSize < workers) {
      throw UserException.aboutSettings(
          "{batchSize} "
              + batchSize
              + " is smaller than {workers} "
              + workers
              + ": each worker needs at least one image per step");
    }
    return batchSize / workers;
  }
}
