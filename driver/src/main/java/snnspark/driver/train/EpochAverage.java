package snnspark.driver.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mean of a network's parameters after each of a run's last epochs, as stochastic weight
 * averaging takes it (Izmailov et al., UAI 2018). AdaDelta keeps its step size to the end, so
 * consecutive epochs' networks scatter around a minimum (the tuned run's rate error swung between
 * 0.78% and 0.88% over its last five epochs); their mean lies nearer its centre. The parameters are
 * summed in epoch order and divided once, so a run and its resumption give the same bits.
 */
final class EpochAverage {
  private final int firstEpoch;
  private INDArray sum;
  private int count;

  /** The average of the last {@code averaged} of {@code epochs} epochs. */
  EpochAverage(int epochs, int averaged) {
    this.firstEpoch = epochs - averaged + 1;
  }

  /** The first epoch whose parameters count. */
  int firstEpoch() {
    return firstEpoch;
  }

  /** Adds the parameters after {@code epoch} when it is one of the averaged epochs. */
  void add(int epoch, INDArray params) {
    if (epoch < firstEpoch) {
      return;
    }
    sum = sum == null ? params.dup() : sum.addi(params);
    count++;
  }

  /** Sets {@code network}'s parameters to the mean, unless only one epoch counted. */
  void applyTo(MultiLayerNetwork network) {
    if (count > 1) {
      network.setParams(sum.div(count));
    }
  }
}
