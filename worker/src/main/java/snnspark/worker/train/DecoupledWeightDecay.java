package snnspark.worker.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's weight decay, scaled by the learning rate (AdamW), that adds nothing to the score: the
 * loss training prints stays the cross-entropy alone, as with the rate penalty, instead of gaining
 * DL4J's {@code 0.5 * decay * sum w^2}, a number that reads as a worse fit.
 */
public final class DecoupledWeightDecay extends WeightDecay {

  /** Decay by {@code coefficient} times the learning rate at every step. */
  public DecoupledWeightDecay(double coefficient) {
    this(new FixedSchedule(coefficient), true);
  }

  /** As model files and Spark's broadcast configurations write it. */
  public DecoupledWeightDecay(
      @JsonProperty("coeff") ISchedule coeff, @JsonProperty("applyLR") boolean applyLR) {
    super(coeff, applyLR);
  }

  @Override
  public double score(INDArray param, int iteration, int epoch) {
    return 0;
  }

  @Override
  public DecoupledWeightDecay clone() {
    return new DecoupledWeightDecay(getCoeff().clone(), isApplyLR());
  }
}
