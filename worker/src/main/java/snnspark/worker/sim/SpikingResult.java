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
 * @param imageSpikes spikes of each image in each neuron layer, {@code [image][layer]} flattened
 * @param imageSynapticEvents synaptic events of each image in each neuron layer, {@code
 *     [image][layer]} flattened
 * @param synapticEventsByStep synaptic events of each step, summed over images and layers
 */
public record SpikingResult(
    int images,
    int steps,
    int classes,
    float[] filtered,
    int[][] predictions,
    long[] spikes,
    long[] synapticEvents,
    long[][] neuronSpikes,
    long[] imageSpikes,
    long[] imageSynapticEvents,
    long[] synapticEventsByStep) {

  /** The prediction for {@code image} after the last step. */
  public int finalPrediction(int image) {
    return predictions[steps - 1][image];
  }

  /** Neuron layers counted per image. */
  public int layers() {
    return spikes.length;
  }

  /** Spikes of {@code image} in neuron layer {@code layer}, over all steps. */
  public long imageSpikes(int image, int layer) {
    return imageSpikes[image * layers() + layer];
  }

  /** Synaptic events of {@code image} over all layers and steps. */
  public long imageSynapticEvents(int image) {
    long sum = 0;
    for (int l = 0; l < layers(); l++) {
      sum += imageSynapticEvents[image * layers() + l];
    }
    return sum;
  }

  /** Filtered output of {@code image} for {@code cls} at {@code step}. */
  public float filtered(int image, int step, int cls) {
    return filtered[(image * steps + step) * classes + cls];
  }
}
