package snnspark.worker.train;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.neuron.Decimals;

/**
 * Firing-rate regularisation while training (NengoDL's remedy for too few spikes): a penalty on how
 * far each neuron layer's mean SoftLIF rate for an image lies from a target rate, {@code weight *
 * (mean / target - 1)^2} per layer and image, added to the cross-entropy. Higher rates make a short
 * spiking run count more spikes, so the spiking network comes closer to the rate network.
 *
 * <p>The penalty depends on each neuron only through the layer's mean, so its gradient is the same
 * for every neuron of an image: {@link #outputGradient} is added to the gradient arriving at the
 * layer's outputs before it passes through the neurons' derivative. The reported loss stays the
 * cross-entropy alone. The rate is the noiseless SoftLIF rate, training noise aside.
 *
 * @param targetHz the mean rate each layer is pulled towards, in Hz
 * @param weight the penalty's weight (0: off, the tutorial's training)
 */
public record RateRegularizer(double targetHz, double weight) implements Serializable {

  /** No regularisation: the tutorial's training. */
  public static final RateRegularizer NONE = new RateRegularizer(0, 0);

  /** Rejects negative or non-finite values, and a weight without a positive target. */
  public RateRegularizer {
    if (!(targetHz >= 0) || Double.isInfinite(targetHz)) {
      throw new IllegalArgumentException(
          "{rateTarget} must be a finite number of Hz, at least 0, got "
              + Decimals.shortest(targetHz));
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "{rateWeight} must be a finite number, at least 0, got " + Decimals.shortest(weight));
    }
    if (weight > 0 && targetHz == 0) {
      throw new IllegalArgumentException("{rateWeight} needs a {rateTarget} above 0 Hz");
    }
  }

  /** Whether the penalty is on. */
  public boolean isOn() {
    return weight > 0;
  }

  /** The penalty of one layer for one image whose neurons fire at {@code meanHz} on average. */
  public double penalty(double meanHz) {
    double miss = meanHz / targetHz - 1;
    return weight * miss * miss;
  }

  /**
   * The penalty's gradient with respect to each neuron's output (amplitude-scaled rate) of one
   * image, whose {@code neurons} outputs average {@code meanOutput}.
   */
  public double outputGradient(double meanOutput, long neurons, double amplitude) {
    double meanHz = meanOutput / amplitude;
    return 2 * weight * (meanHz / targetHz - 1) / (targetHz * neurons * amplitude);
  }

  /**
   * {@code epsilon} (the gradient at a layer's outputs, images along the first dimension) plus the
   * penalty's gradient of each image, whose {@code neurons} outputs average {@code meanOutputs[i]}.
   */
  public INDArray withPenalty(
      INDArray epsilon, double[] meanOutputs, long neurons, double amplitude) {
    double[] shift = new double[meanOutputs.length];
    for (int i = 0; i < shift.length; i++) {
      shift[i] = outputGradient(meanOutputs[i], neurons, amplitude);
    }
    INDArray column = Nd4j.create(shift, new long[] {shift.length, 1}).castTo(epsilon.dataType());
    INDArray flat = epsilon.dup('c').reshape('c', shift.length, neurons);
    return flat.addiColumnVector(column).reshape('c', epsilon.shape());
  }
}
