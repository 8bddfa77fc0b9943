package snnspark.worker.sim;

/**
 * The spikes a simulation of a batch of images counted, per neuron layer; the layer totals are sums
 * of the per-image counts.
 *
 * @param neuronSpikes spikes per neuron layer and neuron position within an image, summed over
 *     images and steps
 * @param imageSpikes spikes of each image in each neuron layer, {@code [image][layer]} flattened
 * @param imageSynapticEvents synaptic events (spikes times their fan-out) of each image in each
 *     neuron layer, {@code [image][layer]} flattened
 * @param synapticEventsByStep synaptic events of each step, summed over images and layers
 */
public record SpikeCounts(
    long[][] neuronSpikes,
    long[] imageSpikes,
    long[] imageSynapticEvents,
    long[] synapticEventsByStep) {

  /** Neuron layers counted. */
  public int layers() {
    return neuronSpikes.length;
  }

  /** Spikes emitted per neuron layer, summed over images and steps. */
  public long[] spikes() {
    return perLayer(imageSpikes);
  }

  /** Synaptic events per neuron layer, summed over images and steps. */
  public long[] synapticEvents() {
    return perLayer(imageSynapticEvents);
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

  private long[] perLayer(long[] byImage) {
    long[] sums = new long[layers()];
    for (int i = 0; i < byImage.length; i++) {
      sums[i % sums.length] += byImage[i];
    }
    return sums;
  }
}
