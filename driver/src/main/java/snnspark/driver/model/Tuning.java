package snnspark.driver.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.StringJoiner;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import snnspark.driver.io.UserException;
import snnspark.worker.neuron.Decimals;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.train.ImageAugmentation;
import snnspark.worker.train.RateRegularizer;
import snnspark.worker.train.TrainingRecipe;

/**
 * What training may change beyond the tutorial's settings to make the spiking network more accurate
 * (docs/results.md, "The tuned preset"): the neurons' max rate, firing-rate regularisation, random
 * shifts and mirroring of the training images, and the updater with its learning-rate schedule and
 * weight decay. {@link #SEED} changes nothing.
 *
 * @param maxRateHz every neuron's rate at input 1; the amplitude is its inverse, so a neuron at max
 *     rate still outputs 1 (the tutorial: 100 Hz, amplitude 0.01)
 * @param rateTargetHz mean rate each neuron layer is pulled towards ({@link RateRegularizer})
 * @param rateWeight weight of that pull (0: none)
 * @param shiftPixels largest random shift of a training image along each axis (0: none)
 * @param optimizer the gradient updater
 * @param learningRate Adam's learning rate in the first epoch (0 with AdaDelta, which has none)
 * @param learningRateDecay factor on the learning rate after each epoch (1: constant)
 * @param synapseTau the lowpass between neuron layers, in seconds, that the spiking network is
 *     meant to run with: {@code evaluate}, {@code predict} and the Spark ML model use it unless
 *     told otherwise (0: none, the tutorial's); training itself does not use it
 * @param averagedEpochs the model is the mean of the parameters after each of this many last epochs
 *     ({@link snnspark.driver.train.EpochAverage}; 1: the last epoch's own, the tutorial's)
 * @param tauRef the neurons' refractory period in seconds, in training and spiking evaluation alike
 *     (null, as files written before it existed read: the tutorial's 0.002; 0: none, so the NIR
 *     export means exactly what was evaluated)
 * @param standardizeInput train on images standardised per channel with the training set's mean and
 *     deviation ({@link snnspark.worker.InputStandardization}), folded into the model's first layer
 *     afterwards (false, as files written before it existed read: the tutorial's raw pixels)
 * @param mirrorImages mirror half the training images left to right, drawn anew every epoch ({@link
 *     ImageAugmentation}; false, as files written before it existed read)
 * @param weightDecay Adam's decoupled weight decay ({@link TrainingRecipe#weightDecay}; 0, as files
 *     written before it existed read: none)
 */
public record Tuning(
    double maxRateHz,
    double rateTargetHz,
    double rateWeight,
    int shiftPixels,
    Optimizer optimizer,
    double learningRate,
    double learningRateDecay,
    double synapseTau,
    int averagedEpochs,
    Double tauRef,
    boolean standardizeInput,
    boolean mirrorImages,
    double weightDecay) {

  /** The gradient updaters training can use. */
  public enum Optimizer {
    /** The tutorial's: AdaDelta (rho 0.95, epsilon 1e-6), no learning rate. */
    ADADELTA,
    /** Adam (beta 0.9/0.999, epsilon 1e-8) with a learning rate and its schedule. */
    ADAM;

    /** The name users type, and model.json and report.json record. */
    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The optimizer named {@code id} in any case. */
    @JsonCreator
    public static Optimizer of(String id) {
      for (Optimizer optimizer : values()) {
        if (optimizer.id().equalsIgnoreCase(id)) {
          return optimizer;
        }
      }
      throw UserException.aboutSettings("{optimizer} must be adadelta or adam, got '" + id + "'");
    }
  }

  /** The tutorial's training: nothing tuned. */
  public static final Tuning SEED =
      new Tuning(
          NeuronParams.TUTORIAL.maxRate(),
          0,
          0,
          0,
          Optimizer.ADADELTA,
          0,
          1,
          0,
          1,
          NeuronParams.TUTORIAL.tauRef(),
          false,
          false,
          0);

  /** A builder starting from {@link #SEED}, so each value is named where it is set. */
  public static Builder builder() {
    return new Builder(SEED);
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Tuning}; {@link #build} validates it. */
  public static final class Builder {
    private double maxRateHz;
    private double rateTargetHz;
    private double rateWeight;
    private int shiftPixels;
    private Optimizer optimizer;
    private double learningRate;
    private double learningRateDecay;
    private double synapseTau;
    private int averagedEpochs;
    private Double tauRef;
    private boolean standardizeInput;
    private boolean mirrorImages;
    private double weightDecay;

    private Builder(Tuning from) {
      maxRateHz = from.maxRateHz;
      rateTargetHz = from.rateTargetHz;
      rateWeight = from.rateWeight;
      shiftPixels = from.shiftPixels;
      optimizer = from.optimizer;
      learningRate = from.learningRate;
      learningRateDecay = from.learningRateDecay;
      synapseTau = from.synapseTau;
      averagedEpochs = from.averagedEpochs;
      tauRef = from.tauRef;
      standardizeInput = from.standardizeInput;
      mirrorImages = from.mirrorImages;
      weightDecay = from.weightDecay;
    }

    /** Sets {@code weightDecay}. */
    public Builder weightDecay(double value) {
      weightDecay = value;
      return this;
    }

    /** Sets {@code mirrorImages}. */
    public Builder mirrorImages(boolean value) {
      mirrorImages = value;
      return this;
    }

    /** Sets {@code standardizeInput}. */
    public Builder standardizeInput(boolean value) {
      standardizeInput = value;
      return this;
    }

    /** Sets {@code tauRef}. */
    public Builder tauRef(double value) {
      tauRef = value;
      return this;
    }

    /** Sets {@code maxRateHz}. */
    public Builder maxRateHz(double value) {
      maxRateHz = value;
      return this;
    }

    /** Sets {@code rateTargetHz} and {@code rateWeight}. */
    public Builder rates(double targetHz, double weight) {
      rateTargetHz = targetHz;
      rateWeight = weight;
      return this;
    }

    /** Sets {@code shiftPixels}. */
    public Builder shiftPixels(int value) {
      shiftPixels = value;
      return this;
    }

    /** Sets the optimizer, its learning rate and the decay per epoch. */
    public Builder optimizer(Optimizer value, double rate, double decay) {
      optimizer = value;
      learningRate = rate;
      learningRateDecay = decay;
      return this;
    }

    /** Sets {@code synapseTau}. */
    public Builder synapseTau(double value) {
      synapseTau = value;
      return this;
    }

    /** Sets {@code averagedEpochs}. */
    public Builder averagedEpochs(int value) {
      averagedEpochs = value;
      return this;
    }

    /** The tuning of the values set. */
    public Tuning build() {
      return new Tuning(
          maxRateHz,
          rateTargetHz,
          rateWeight,
          shiftPixels,
          optimizer,
          learningRate,
          learningRateDecay,
          synapseTau,
          averagedEpochs,
          tauRef,
          standardizeInput,
          mirrorImages,
          weightDecay);
    }
  }

  /** Rejects values no training can run with, naming the setting. */
  public Tuning {
    if (tauRef == null) {
      tauRef = NeuronParams.TUTORIAL.tauRef(); // model.json files and checkpoints from before it
    }
    double refractory = tauRef;
    UserException.checking(() -> neurons(maxRateHz, refractory));
    // 1/0 is infinite: without a refractory period any rate is possible.
    if (!(rateTargetHz < 1 / tauRef)) {
      throw UserException.aboutSettings(
          "{rateTarget} must lie below 1/tau_ref = "
              + Decimals.shortest(1 / tauRef)
              + " Hz, got "
              + Decimals.shortest(rateTargetHz));
    }
    UserException.checking(() -> new RateRegularizer(rateTargetHz, rateWeight));
    UserException.checking(() -> new ImageAugmentation(shiftPixels, mirrorImages, 0));
    checkSchedule(optimizer, learningRate, learningRateDecay);
    if (weightDecay == 0) {
      weightDecay = 0; // -0 too, so that no decay equals SEED's
    }
    double decay = weightDecay;
    IUpdater updater = updater(optimizer, learningRate);
    UserException.checking(() -> TrainingRecipe.checkWeightDecay(decay, updater));
    UserException.checking(() -> SimulationConfig.checkSynapse(synapseTau));
    if (averagedEpochs == 0) {
      averagedEpochs = 1; // model.json files and checkpoints from before averaging existed
    }
    if (averagedEpochs < 0) {
      throw UserException.aboutSettings(
          "{averageEpochs} must be at least 1, got " + averagedEpochs);
    }
  }

  /**
   * The same tuning averaging at most the last {@code epochs}: a preset's window shrinks to fit a
   * shorter run instead of failing it. Epochs below 1 leave the window at 1 or more: they are the
   * run's settings to refuse ({@code TrainSettings}), under their own name.
   */
  public Tuning averagingAtMost(int epochs) {
    return toBuilder().averagedEpochs(Math.min(averagedEpochs, Math.max(epochs, 1))).build();
  }

  /** The same tuning meant to run with a synapse of {@code tau} seconds between layers. */
  public Tuning withSynapse(double tau) {
    return toBuilder().synapseTau(tau).build();
  }

  private static void checkSchedule(Optimizer optimizer, double rate, double decay) {
    if (optimizer == null) {
      throw UserException.aboutSettings("{optimizer} must be adadelta or adam");
    }
    if (optimizer == Optimizer.ADADELTA && (rate != 0 || decay != 1)) {
      throw UserException.aboutSettings(
          "{learningRate} and {lrDecay} need {optimizer} adam (AdaDelta has no learning rate)");
    }
    if (optimizer == Optimizer.ADAM && !(rate > 0 && rate <= 1)) {
      throw UserException.aboutSettings(
          "{learningRate} must lie in (0, 1], got " + Decimals.shortest(rate));
    }
    if (!(decay > 0 && decay <= 1)) {
      throw UserException.aboutSettings(
          "{lrDecay} must lie in (0, 1], got " + Decimals.shortest(decay));
    }
  }

  /** Whether anything differs from the tutorial's training. */
  @JsonIgnore
  public boolean isTuned() {
    return !equals(SEED);
  }

  /**
   * What is tuned, in words for reports: e.g. {@code max rate 250 Hz, shifts up to 2 px, Adam from
   * 0.001 x 0.8 per epoch}.
   */
  public String describe() {
    if (!isTuned()) {
      return "nothing (the tutorial's training)";
    }
    StringJoiner parts = new StringJoiner(", ");
    if (maxRateHz != SEED.maxRateHz) {
      parts.add("max rate " + Decimals.shortest(maxRateHz) + " Hz");
    }
    if (rateWeight > 0) {
      parts.add(
          "rate target "
              + Decimals.shortest(rateTargetHz)
              + " Hz, weight "
              + Decimals.shortest(rateWeight));
    }
    if (shiftPixels > 0) {
      parts.add("shifts up to " + shiftPixels + " px");
    }
    if (mirrorImages) {
      parts.add("half the images mirrored");
    }
    if (optimizer == Optimizer.ADAM) {
      parts.add(
          "Adam from "
              + Decimals.shortest(learningRate)
              + (learningRateDecay == 1
                  ? ""
                  : " x " + Decimals.shortest(learningRateDecay) + " per epoch"));
    }
    if (weightDecay > 0) {
      parts.add("weight decay " + Decimals.shortest(weightDecay));
    }
    if (averagedEpochs > 1) {
      parts.add("mean of the last " + averagedEpochs + " epochs' parameters");
    }
    if (synapseTau > 0) {
      parts.add("for a " + Decimals.shortest(synapseTau * 1000) + " ms synapse");
    }
    if (!tauRef.equals(SEED.tauRef)) {
      parts.add("refractory period " + Decimals.shortest(tauRef * 1000) + " ms");
    }
    if (standardizeInput) {
      parts.add("inputs standardised per channel");
    }
    return parts.toString();
  }

  /** The tutorial's neurons with this max rate (amplitude = 1 / max rate) and refractory period. */
  public NeuronParams neurons() {
    return neurons(maxRateHz, tauRef);
  }

  private static NeuronParams neurons(double maxRateHz, double tauRef) {
    NeuronParams tutorial = NeuronParams.TUTORIAL;
    if (maxRateHz == tutorial.maxRate() && tauRef == tutorial.tauRef()) {
      return tutorial;
    }
    return new NeuronParams(
        tutorial.tauRc(), tauRef, 1 / maxRateHz, tutorial.sigma(), maxRateHz, tutorial.intercept());
  }

  /** The rate penalty. */
  public RateRegularizer rateRegularizer() {
    return new RateRegularizer(rateTargetHz, rateWeight);
  }

  /** The random shifts and mirroring for a run of {@code seed}. */
  public ImageAugmentation augmentation(long seed) {
    return new ImageAugmentation(shiftPixels, mirrorImages, seed);
  }

  /** The learning rate of {@code epoch} (from 1), or 0 with AdaDelta. */
  public double learningRate(int epoch) {
    return learningRate * Math.pow(learningRateDecay, epoch - 1);
  }

  /** The updater at its first epoch's learning rate. */
  public IUpdater updater() {
    return updater(optimizer, learningRate);
  }

  private static IUpdater updater(Optimizer optimizer, double learningRate) {
    return optimizer == Optimizer.ADAM ? new Adam(learningRate) : new AdaDelta();
  }

  /** The training network's recipe for {@code seed} and training noise {@code noiseHz}. */
  public TrainingRecipe recipe(long seed, double noiseHz) {
    return new TrainingRecipe(seed, noiseHz, rateRegularizer(), updater(), weightDecay);
  }
}
