package snnspark.worker.train;

import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What the training network adds to the architecture for training: the seed of its initial weights
 * and dropout, noise on the neurons, rate regularisation and the updater. The tutorial's is {@link
 * #tutorial}: no noise, no regularisation, AdaDelta.
 *
 * @param seed the user's seed
 * @param noiseHz {@link SpikeNoise} on the neurons' outputs in Hz (0: none)
 * @param rates the rate penalty ({@link RateRegularizer#NONE}: none)
 * @param updater the gradient updater (the tutorial's: AdaDelta with its defaults)
 */
public record TrainingRecipe(long seed, double noiseHz, RateRegularizer rates, IUpdater updater) {

  /** The tutorial's training with {@code seed}. */
  public static TrainingRecipe tutorial(long seed) {
    return new TrainingRecipe(seed, 0, RateRegularizer.NONE, new AdaDelta());
  }

  /** The tutorial's training with {@code seed} and training noise of {@code noiseHz}. */
  public static TrainingRecipe withNoise(long seed, double noiseHz) {
    return new TrainingRecipe(seed, noiseHz, RateRegularizer.NONE, new AdaDelta());
  }
}
