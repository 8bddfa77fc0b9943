package snnspark.worker.train;

import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;
import snnspark.worker.neuron.Decimals;

/**
 * What the training network adds to the architecture for training: the seed of its initial weights
 * and dropout, noise on the neurons, rate regularisation, the updater and weight decay. The
 * tutorial's is {@link #tutorial}: no noise, no regularisation, AdaDelta.
 *
 * @param seed the user's seed
 * @param noiseHz {@link SpikeNoise} on the neurons' outputs in Hz (0: none)
 * @param rates the rate penalty ({@link RateRegularizer#NONE}: none)
 * @param updater the gradient updater (the tutorial's: AdaDelta with its defaults)
 * @param weightDecay decoupled weight decay (Loshchilov and Hutter's AdamW): after each step every
 *     weight, biases excepted, shrinks by the step's learning rate times this (0: none)
 */
public record TrainingRecipe(
    long seed, double noiseHz, RateRegularizer rates, IUpdater updater, double weightDecay) {

  /**
   * Rejects a negative or non-finite weight decay, and one for an updater without learning rate.
   */
  public TrainingRecipe {
    checkWeightDecay(weightDecay, updater);
  }

  /** The tutorial's training with {@code seed}. */
  public static TrainingRecipe tutorial(long seed) {
    return withNoise(seed, 0);
  }

  /** The tutorial's training with {@code seed} and training noise of {@code noiseHz}. */
  public static TrainingRecipe withNoise(long seed, double noiseHz) {
    return new TrainingRecipe(seed, noiseHz, RateRegularizer.NONE, new AdaDelta(), 0);
  }

  /**
   * {@code weightDecay} if it is a finite number of at least 0 that {@code updater} can scale by
   * its learning rate; fails naming the setting if not. DL4J would apply it unscaled with an
   * updater that has no learning rate (AdaDelta), where the same number would mean a far stronger
   * decay.
   */
  public static double checkWeightDecay(double weightDecay, IUpdater updater) {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "{weightDecay} must be a finite number, at least 0, got "
              + Decimals.shortest(weightDecay));
    }
    if (weightDecay > 0 && !updater.hasLearningRate()) {
      throw new IllegalArgumentException(
          "{weightDecay} needs {optimizer} adam ("
              + updater.getClass().getSimpleName()
              + " has no learning rate to scale it by)");
    }
    return weightDecay;
  }
}
