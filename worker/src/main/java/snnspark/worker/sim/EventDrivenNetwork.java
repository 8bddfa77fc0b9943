package snnspark.worker.sim;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.neuron.LifNeurons;

/**
 * The spiking simulation of {@link SpikingNetwork}, computed event by event: work follows the
 * spikes, not the layer sizes. It runs any network a description gives.
 *
 * <ul>
 *   <li>The image is constant, so the first neuron layer's input current is computed once per image
 *       ({@link FirstInput}), and only its neurons that can spike under it are stepped.
 *   <li>Every message inside the network is a spike of the same height (amplitude/dt), so a layer's
 *       input is its bias plus, for each neuron that spiked this step, that neuron's outgoing
 *       weights times the height ({@link SpikeTarget}): a kernel scattered onto the windows that
 *       cover it for a conv target, one row of the weights for a dense target, the average pools
 *       between folded in as factors.
 *   <li>With a synapse between layers, each layer keeps the filtered sum of those contributions
 *       (without its bias): every step it decays by {@code exp(-dt/tau)} and the new spikes add
 *       {@code 1 - exp(-dt/tau)} of their weight, which is the lowpass of the spike trains pushed
 *       through the (linear) connection. As in Nengo, a layer reads the trace before the step's
 *       spikes enter it, so each synapse delays by one step.
 * </ul>
 *
 * <p>Neurons, their initial voltages and the readout are those of the dense reference; only the
 * order of float additions differs, which can flip a rare spike. Every spike list is in the source
 * layer's (channel, row, column) order, so each input sums its contributions in that order. Not
 * thread-safe; one per task.
 */
public final class EventDrivenNetwork implements SpikingSimulator {
  private final SnnArchitecture arch;
  private final FirstInput first;

  /** {@code targets[l]}: the input of neuron layer {@code l + 1} (the last: the output). */
  private final SpikeTarget[] targets;

  private final int[] sizes;

  /**
   * For a conv layer after the first, stepped in (row, column, channel) order, the order its input
   * is scattered in: place k holds neuron {@code places[l][k]} of the (channel, row, column) order.
   * Null for the other layers, stepped in their own order.
   */
  private final int[][] places;

  /** For such a layer, its channels (the places' innermost dimension). */
  private final int[] placeChannels;

  private final int[][] fanOut;

  /** The network of {@code arch} with trained parameters {@code params} (DL4J's flat vector). */
  public EventDrivenNetwork(SnnArchitecture arch, INDArray params) {
    this.arch = arch;
    TrainedWeights trained = TrainedWeights.of(arch, params);
    List<LayerShape> layers = arch.layers();
    int[] neuronLayers = arch.neuronLayerIndices();
    this.sizes = arch.neuronsPerImage();
    this.first = new FirstInput(trained, neuronLayers[0]);
    this.targets = new SpikeTarget[neuronLayers.length];
    this.places = new int[neuronLayers.length][];
    this.placeChannels = new int[neuronLayers.length];
    this.fanOut = new int[neuronLayers.length][];
    for (int l = 0; l < neuronLayers.length; l++) {
      int to = l + 1 < neuronLayers.length ? neuronLayers[l + 1] : layers.size() - 1;
      targets[l] = SpikeTarget.between(trained, neuronLayers[l], to);
      fanOut[l] = arch.fanOut(l);
      LayerShape layer = layers.get(neuronLayers[l]);
      if (l > 0 && layer.spec() instanceof LayerSpec.Conv) {
        places[l] = channelLast(layer);
        placeChannels[l] = layer.output().channels();
      }
    }
  }

  /** Place k of the (row, column, channel) order to its neuron of the (channel, row, column). */
  private static int[] channelLast(LayerShape layer) {
    int channels = layer.output().channels();
    int positions = layer.output().height() * layer.output().width();
    int[] neuron = new int[channels * positions];
    for (int p = 0, k = 0; p < positions; p++) {
      for (int c = 0; c < channels; c++, k++) {
        neuron[k] = c * positions + p;
      }
    }
    return neuron;
  }

  @Override
  public SpikingResult run(ImageBatch images, SimulationConfig config) {
    Run run = new Run(images.count(), config);
    for (int b = 0; b < images.count(); b++) {
      run.startImage(images.image(b), images.key(b));
      for (int t = 0; t < config.steps(); t++) {
        run.step(t, b);
      }
    }
    return run.result();
  }

  /** One call of {@link #run}: the neurons, inputs, synaptic traces and counts of its images. */
  private final class Run {
    private final SimulationConfig config;
    private final int count = sizes.length;
    private final LifNeurons[] layers = new LifNeurons[count];

    /** Each layer's spikes of the current step: places as stepped, then neurons. */
    private final int[][] spiked = new int[count][];

    private final int[][] spikes = new int[count][];
    private final float[] u1;

    private final SpikeTarget.Buffers buffers;

    /**
     * The first layer's neurons that can spike under this image (the others never do, see {@link
     * LifNeurons#spikingUnderConstantInput}), how many, and their inputs, held for the image's
     * steps: only they are stepped.
     */
    private final int[] live;

    private int liveCount;
    private final float[] liveU1;

    /** {@code inputs[l]}: neuron layer l's input for l >= 1, the class outputs at {@code count}. */
    private final float[][] inputs = new float[count + 1][];

    private final float[][] traces = new float[count + 1][];
    private final int[] channelStart;
    private final boolean synapse;
    private final float decay;

    /** Height of a spike as it enters the next layer (the trace's share with a synapse). */
    private final float height;

    private final long[] imageSpikes;
    private final long[] imageEvents;
    private final long[] eventsByStep;
    private final long[][] neuronSpikes = new long[count][];

    /** Where the current image's counts start in {@link #imageSpikes} and {@link #imageEvents}. */
    private int counts;

    private final Readout readout;

    Run(int images, SimulationConfig config) {
      this.config = config;
      this.synapse = config.hasSynapse();
      this.decay = config.synapseDecay();
      int maxChannels = 0;
      for (int l = 0; l < count; l++) {
        layers[l] = new LifNeurons(config.neuronModel(), arch.neurons(), sizes[l], 1, config.dt());
        spiked[l] = new int[sizes[l]];
        spikes[l] = new int[sizes[l]];
        neuronSpikes[l] = new long[sizes[l]];
        maxChannels = Math.max(maxChannels, placeChannels[l]);
      }
      for (int l = 0; l < count; l++) {
        inputs[l + 1] = new float[targets[l].size()];
        traces[l + 1] = new float[synapse ? targets[l].size() : 0];
      }
      this.u1 = new float[sizes[0]];
      this.buffers =
          new SpikeTarget.Buffers(
              Arrays.stream(sizes).max().orElse(0),
              Arrays.stream(targets).mapToInt(SpikeTarget::size).max().orElse(0));
      this.live = new int[sizes[0]];
      this.liveU1 = new float[sizes[0]];
      this.channelStart = new int[maxChannels + 1];
      float spikeHeight = (float) arch.neurons().spikeHeight(config.dt());
      this.height = synapse ? spikeHeight * (1 - decay) : spikeHeight;
      this.readout = new Readout(images, arch.classes(), config);
      this.imageSpikes = new long[images * count];
      this.imageEvents = new long[images * count];
      this.eventsByStep = new long[config.steps()];
    }

    /** Resets the neurons and traces for an image whose initial voltages come from {@code key}. */
    void startImage(float[] pixels, long key) {
      first.compute(pixels, u1);
      liveCount = layers[0].spikingUnderConstantInput(u1, live);
      for (int k = 0; k < liveCount; k++) {
        liveU1[k] = u1[live[k]];
      }
      layers[0].resetSelected(config.initialVoltage(), config.seed(), 0, key, live, liveCount);
      layers[0].holdInput(liveU1);
      for (int l = 1; l < count; l++) {
        if (places[l] != null) {
          layers[l].resetSelected(
              config.initialVoltage(), config.seed(), l, key, places[l], places[l].length);
        } else {
          layers[l].reset(config.initialVoltage(), config.seed(), l, new long[] {key});
        }
      }
      for (float[] trace : traces) {
        if (trace != null) {
          Arrays.fill(trace, 0f);
        }
      }
    }

    /** Step {@code t} of the current image, which is image {@code image} of the batch. */
    void step(int t, int image) {
      counts = image * count;
      int n = fire(0, null);
      for (int s = 0; s < n; s++) {
        spikes[0][s] = live[spiked[0][s]];
      }
      long events = count(0, n);
      for (int l = 0; l < count; l++) {
        float[] into = beginInput(inputs[l + 1], traces[l + 1], targets[l].bias());
        targets[l].add(spikes[l], n, height, into, buffers);
        if (l + 1 < count) {
          n = fire(l + 1, inputs[l + 1]);
          inOrder(l + 1, n);
          events += count(l + 1, n);
        }
      }
      eventsByStep[t] += events;
      readout.step(t, image, 1, inputs[count]);
    }

    /** Steps layer {@code layer} under {@code input}, or its held input if null. */
    private int fire(int layer, float[] input) {
      LifNeurons neurons = layers[layer];
      int n =
          input == null
              ? neurons.stepHeld(spiked[layer])
              : neurons.step(input, null, spiked[layer]);
      imageSpikes[counts + layer] += n;
      return n;
    }

    /** Counts layer {@code l}'s {@code n} spikes per neuron; returns their synaptic events. */
    private long count(int l, int n) {
      long events = 0;
      for (int s = 0; s < n; s++) {
        int neuron = spikes[l][s];
        neuronSpikes[l][neuron]++;
        events += fanOut[l][neuron];
      }
      imageEvents[counts + l] += events;
      return events;
    }

    /**
     * Lists layer {@code l}'s {@code n} spikes as neurons in (channel, row, column) order, the
     * order the next layer adds them in (float sums depend on it): for a layer stepped by place in
     * (row, column, channel) order, a stable bucket sort by channel.
     */
    private void inOrder(int l, int n) {
      if (places[l] == null) {
        System.arraycopy(spiked[l], 0, spikes[l], 0, n);
        return;
      }
      int channels = placeChannels[l];
      Arrays.fill(channelStart, 0);
      for (int s = 0; s < n; s++) {
        channelStart[spiked[l][s] % channels + 1]++;
      }
      for (int c = 0; c < channels; c++) {
        channelStart[c + 1] += channelStart[c];
      }
      for (int s = 0; s < n; s++) {
        int place = spiked[l][s];
        spikes[l][channelStart[place % channels]++] = places[l][place];
      }
    }

    /**
     * Readies a layer's input for this step's spikes and returns where their weights add up.
     * Without a synapse that is the input itself, reset to the bias. With one, the input is the
     * bias plus the trace as it stood before this step (a synapse is read before the step's spikes
     * enter it, Nengo's update mode), and the spikes add to the trace, decayed by one step.
     */
    private float[] beginInput(float[] input, float[] trace, float[] bias) {
      if (!synapse) {
        System.arraycopy(bias, 0, input, 0, bias.length);
        return input;
      }
      for (int i = 0; i < bias.length; i++) {
        input[i] = bias[i] + trace[i];
      }
      for (int i = 0; i < trace.length; i++) {
        trace[i] *= decay;
      }
      return trace;
    }

    SpikingResult result() {
      return readout.result(new SpikeCounts(neuronSpikes, imageSpikes, imageEvents, eventsByStep));
    }
  }
}
