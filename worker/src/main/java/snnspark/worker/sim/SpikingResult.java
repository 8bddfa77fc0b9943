package snnspark.worker.sim;

/**
 * What a spiking simulation of a batch of images produced.
 *
 * @param images number of images
 * @param steps timesteps each image was shown for
 * @param classes outputs per image
 * @param filtered lowpass-filtered outputs, {@code [image][step][class]} flattened
 * @param predictions argmax of the filtered output, {@code [step][image]}
 * @param counts the spikes and synaptic events of the neuron layers
 */
public record SpikingResult(
    int images, int steps, int classes, float[] filtered, int[][] predictions, SpikeCounts counts) {

  /** The prediction for {@code image} after the last step. */
  public int finalPrediction(int image) {
    return predictions[steps - 1][image];
  }

  /** Filtered output of {@code image} for {@code cls} at {@code step}. */
  public float filtered(int image, int step, int cls) {
    return filtered[(image * steps + step) * classes + cls];
  }
}
