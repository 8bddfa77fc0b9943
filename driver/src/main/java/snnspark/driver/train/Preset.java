package snnspark.driver.train;

import snnspark.driver.model.Tuning;

/**
 * The named starting points of {@code train --preset} and {@code run --preset}: the tutorial's
 * training ({@link #SEED}, the default) and the one tuned for spiking accuracy at 30 steps ({@link
 * #TUNED}, chosen from the measurements in docs/results.md, "The tuned preset"). Flags given
 * alongside override single values.
 */
public enum Preset {
  /** The tutorial's training, reproduced faithfully. */
  SEED(TrainSettings.TUTORIAL),
  /** Tuned for the spiking network's error at 30 steps (docs/results.md). */
  TUNED(
      new TrainSettings(
          15,
          TrainSettings.TUTORIAL.batchSize(),
          TrainSettings.TUTORIAL.averagingFrequency(),
          TrainSettings.TUTORIAL.seed(),
          0,
          0,
          new Tuning(250, 0, 0, 2, Tuning.Optimizer.ADAM, 0.001, 0.8)));

  private final TrainSettings settings;

  Preset(TrainSettings settings) {
    this.settings = settings;
  }

  /** The preset's training settings. */
  public TrainSettings settings() {
    return settings;
  }
}
