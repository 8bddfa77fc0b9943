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

  /** Spark's workers clone the broadcast configuration: the copy must keep this class. */
  @Override
  public DecoupledWeightDecay clone() {
    return new DecoupledWeightDecay(getCoeff().clone(), isApplyLR());
  }

  // WeightDecay's equals takes any WeightDecay: a model decayed by DL4J's own, which adds to the
  // score, would compare equal to this one.
  @Override
  public boolean equals(Object other) {
    return other instanceof DecoupledWeightDecay && super.equals(other);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof DecoupledWeightDecay;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return "DecoupledWeightDecay(coeff=" + getCoeff() + ", applyLR=" + isApplyLR() + ")";
  }
}
