package snnspark.worker.sim;

/**
 * What a spiking simulation of a batch of images produced.
 *
 * @param images number of images
 * @param steps timesteps each image was shown for
 * @param classes outputs per image
 * @param filtered lowpass-filtered outputs, {@code [image][step][class]} flattened
 * @param predictions argmax of the filtered output, {@code [step][image]}
 * @param spikes spikes emitted per neuron layer, summed over images and steps
 * @param synapticEvents spikes times their fan-out per neuron layer, summed over images and steps
 * @param neuronSpikes spikes per neuron layer and neuron position within an image, summed over
 *     images and steps
 */
public record SpikingResult(
    int images,
    int steps,
    int classes,
    float[] filtered,
    int[][] predictions,
    long[] spikes,
    long[] synapticEvents,
    long[][] neuronSpikes) {

  /** The prediction for {@code image} after the last step. */
  public int finalPrediction(int image) {
    return predictions[steps - 1][image];
  }

  /** Filtered output of {@code image} for {@code cls} at {@code step}. */
  public float filtered(int image, int step, int cls) {
    return filtered[(image * steps + step) * classes + cls];
  }
}
