package snnspark.driver.train;

import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * DL4J's parameter averaging, resumable to the bit: its only random state, the generator that seeds
 * each epoch's split of the minibatches into averaging rounds (one draw per {@code fit}), starts
 * where a run that had already trained {@code epochsDone} epochs left it. A fresh master would
 * split a resumed run's epochs as it split the first ones, and train other parameters.
 */
final class ResumableTrainingMaster extends ParameterAveragingTrainingMaster {
  private static final long serialVersionUID = 1L;

  ResumableTrainingMaster(Builder builder, int epochsDone) {
    super(builder);
    for (int epoch = 0; epoch < epochsDone; epoch++) {
      rng.nextLong();
    }
  }
}
