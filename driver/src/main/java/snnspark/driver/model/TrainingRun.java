package snnspark.driver.model;

import java.util.List;

/**
 * What one training run was: its data, settings, history and speed. The model's {@code model.json},
 * each checkpoint and the run's {@code report.json} all hold one, written flat among their own keys
 * ({@link snnspark.driver.io.Json#readFlat} reads them back).
 *
 * @param dataset where the training data came from
 * @param nTrain training images
 * @param epochs epochs the run was set to train (a checkpoint has completed fewer, or as many)
 * @param workers parameter-averaging workers
 * @param batchSizePerWorker minibatch of each worker
 * @param averagingFrequency minibatches between averages
 * @param seed random seed
 * @param trainingNoiseHz noise on neuron outputs while training, in Hz (0 in models from before it)
 * @param tuning what training changed beyond the tutorial's settings (absent in models from before
 *     it: nothing)
 * @param lossByEpoch training loss after each completed epoch
 * @param rateErrorByEpoch rate error after each completed epoch on the first {@link
 *     ModelMetadata#EPOCH_ERROR_IMAGES} test images (null in models from before it was recorded)
 * @param trainSeconds wall time of the training (so far, in a checkpoint)
 * @param trainImagesPerSecond training images per second of fitting (the per-epoch error
 *     measurements not counted)
 */
public record TrainingRun(
    String dataset,
    int nTrain,
    int epochs,
    int workers,
    int batchSizePerWorker,
    int averagingFrequency,
    long seed,
    double trainingNoiseHz,
    Tuning tuning,
    List<Double> lossByEpoch,
    List<Double> rateErrorByEpoch,
    double trainSeconds,
    double trainImagesPerSecond) {
  /** Reads runs from before tuning was recorded as trained with nothing tuned. */
  public TrainingRun {
    if (tuning == null) {
      tuning = Tuning.SEED;
    }
    lossByEpoch = lossByEpoch == null ? null : List.copyOf(lossByEpoch);
    rateErrorByEpoch = rateErrorByEpoch == null ? null : List.copyOf(rateErrorByEpoch);
  }

  /** A builder, so each value is named where it is set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TrainingRun}; every value not set is 0, null or as the field's doc says. */
  public static final class Builder {
    private String dataset;
    private int nTrain;
    private int epochs;
    private int workers;
    private int batchSizePerWorker;
    private int averagingFrequency;
    private long seed;
    private double trainingNoiseHz;
    private Tuning tuning = Tuning.SEED;
    private List<Double> lossByEpoch;
    private List<Double> rateErrorByEpoch;
    private double trainSeconds;
    private double trainImagesPerSecond;

    private Builder() {}

    /** Sets {@code dataset}. */
    public Builder dataset(String value) {
      this.dataset = value;
      return this;
    }

    /** Sets {@code nTrain}. */
    public Builder nTrain(int value) {
      this.nTrain = value;
      return this;
    }

    /** Sets {@code epochs}. */
    public Builder epochs(int value) {
      this.epochs = value;
      return this;
    }

    /** Sets {@code workers}. */
    public Builder workers(int value) {
      this.workers = value;
      return this;
    }

    /** Sets {@code batchSizePerWorker}. */
    public Builder batchSizePerWorker(int value) {
      this.batchSizePerWorker = value;
      return this;
    }

    /** Sets {@code averagingFrequency}. */
    public Builder averagingFrequency(int value) {
      this.averagingFrequency = value;
      return this;
    }

    /** Sets {@code seed}. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Sets {@code trainingNoiseHz}. */
    public Builder trainingNoiseHz(double value) {
      this.trainingNoiseHz = value;
      return this;
    }

    /** Sets {@code tuning}. */
    public Builder tuning(Tuning value) {
      this.tuning = value;
      return this;
    }

    /** Sets {@code lossByEpoch}. */
    public Builder lossByEpoch(List<Double> value) {
      this.lossByEpoch = value;
      return this;
    }

    /** Sets {@code rateErrorByEpoch}. */
    public Builder rateErrorByEpoch(List<Double> value) {
      this.rateErrorByEpoch = value;
      return this;
    }

    /** Sets {@code trainSeconds}. */
    public Builder trainSeconds(double value) {
      this.trainSeconds = value;
      return this;
    }

    /** Sets {@code trainImagesPerSecond}. */
    public Builder trainImagesPerSecond(double value) {
      this.trainImagesPerSecond = value;
      return this;
    }

    /** The TrainingRun of the values set. */
    public TrainingRun build() {
      return new TrainingRun(
          dataset,
          nTrain,
          epochs,
          workers,
          batchSizePerWorker,
          averagingFrequency,
          seed,
          trainingNoiseHz,
          tuning,
          lossByEpoch,
          rateErrorByEpoch,
          trainSeconds,
          trainImagesPerSecond);
    }
  }
}
