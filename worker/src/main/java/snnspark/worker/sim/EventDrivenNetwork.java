package snnspark.worker.sim;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.worker.FloatArrays;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TutorialForm;
import snnspark.worker.neuron.LifNeurons;
import snnspark.worker.train.Dl4jNetworks;

/**
 * The spiking simulation of {@link SpikingNetwork}, computed event by event: work follows the
 * spikes, not the layer sizes.
 *
 * <ul>
 *   <li>The image is constant, so the first layer's input current is computed once per image.
 *   <li>Every message inside the network is a spike of the same height (amplitude/dt), so a layer's
 *       input is its bias plus, for each neuron that spiked this step, that neuron's outgoing
 *       weights times the height: a 3x3x32 kernel scattered for a conv1 spike, one row of the dense
 *       weights for a conv2 spike (the 2x2 average pool folded in as a factor 1/4), one row of the
 *       output weights for a dense spike.
 *   <li>With a synapse between layers, each layer keeps the filtered sum of those contributions
 *       (without its bias): every step it decays by {@code exp(-dt/tau)} and the new spikes add
 *       {@code 1 - exp(-dt/tau)} of their weight, which is the lowpass of the spike trains pushed
 *       through the (linear) connection. As in Nengo, a layer reads the trace before the step's
 *       spikes enter it, so each synapse delays by one step.
 * </ul>
 *
 * <p>Neurons, their initial voltages and the readout are those of the dense reference; only the
 * order of float additions differs, which can flip a rare spike. Not thread-safe; one per task.
 */
public final class EventDrivenNetwork implements SpikingSimulator {
  private final SnnArchitecture arch;
  private final int channels;
  private final int filters;
  private final int k;
  private final int rows;
  private final int cols;
  private final int h1;
  private final int w1;
  private final int h2;
  private final int w2;
  private final int pool;
  private final int dense;
  private final int classes;

  /** conv1 weights [filter][channel][ky][kx] and biases. */
  private final float[] conv1W;

  private final float[] conv1B;

  /**
   * conv2 weights rearranged to [inChannel][ky][k-1-kx][outChannel]: a conv1 spike reaches, for
   * each ky, a run of consecutive (x, c) places of conv2's input, and these weights are a run too.
   */
  private final float[] conv2W;

  private final float[] conv2B;

  /** Dense weights [pooled input][unit]. */
  private final float[] denseW;

  private final float[] denseB;

  /** Output weights [unit][class]. */
  private final float[] outW;

  private final float[] outB;
  private final int[] conv1FanOut;

  /**
   * conv2's neurons are stepped in (y, x, c) order, the order its input is scattered in, so it
   * needs no transposing; place k holds neuron {@code conv2Neuron[k]} of the (c, y, x) order.
   */
  private final int[] conv2Neuron;

  /**
   * The network of {@code arch} with trained parameters {@code params} (DL4J's flat vector); {@code
   * arch} must be of the tutorial's form ({@link TutorialForm}).
   */
  public EventDrivenNetwork(SnnArchitecture arch, INDArray params) {
    this.arch = arch;
    TutorialForm form = TutorialForm.required(arch, "the event-driven simulator");
    this.channels = form.channels();
    this.filters = form.filters();
    this.k = form.kernel();
    this.rows = form.rows();
    this.cols = form.cols();
    this.h1 = form.conv1Rows();
    this.w1 = form.conv1Cols();
    this.h2 = form.conv2Rows();
    this.w2 = form.conv2Cols();
    this.pool = form.pool();
    this.dense = form.dense();
    this.classes = form.classes();
    MultiLayerNetwork net = Dl4jNetworks.linear(arch, params);
    this.conv1W = FloatArrays.flat(net.getLayer(TutorialForm.CONV1).getParam("W"));
    this.conv1B = FloatArrays.flat(net.getLayer(TutorialForm.CONV1).getParam("b"));
    float[] w =
        FloatArrays.flat(net.getLayer(TutorialForm.CONV2).getParam("W")); // [out][in][ky][kx]
    this.conv2W = new float[w.length];
    for (int co = 0; co < filters; co++) {
      for (int ci = 0; ci < filters; ci++) {
        for (int kk = 0; kk < k * k; kk++) {
          int flipped = (kk / k) * k + k - 1 - kk % k;
          conv2W[(ci * k * k + flipped) * filters + co] = w[(co * filters + ci) * k * k + kk];
        }
      }
    }
    this.conv2B = FloatArrays.flat(net.getLayer(TutorialForm.CONV2).getParam("b"));
    this.denseW = FloatArrays.flat(net.getLayer(TutorialForm.DENSE).getParam("W"));
    this.denseB = FloatArrays.flat(net.getLayer(TutorialForm.DENSE).getParam("b"));
    this.outW = FloatArrays.flat(net.getLayer(TutorialForm.OUTPUT).getParam("W"));
    this.outB = FloatArrays.flat(net.getLayer(TutorialForm.OUTPUT).getParam("b"));
    this.conv1FanOut = arch.fanOut(0);
    this.conv2Neuron = new int[filters * h2 * w2];
    for (int p = 0, k = 0; p < h2 * w2; p++) {
      for (int c = 0; c < filters; c++, k++) {
        conv2Neuron[k] = c * h2 * w2 + p;
      }
    }
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
    private final LifNeurons[] layers = new LifNeurons[3];
    private final int[][] spiked = new int[3][];
    private final float[] u1;

    /**
     * The first layer's neurons that can spike under this image (the others never do, see {@link
     * LifNeurons#spikingUnderConstantInput}), how many, and their inputs: only they are stepped.
     */
    private final int[] live;

    private int liveCount;
    private final float[] liveU1;
    private final float[] u2Hwc;

    /** conv2's spikes of a step in (c, y, x) order, the order the dense layer adds them in. */
    private final int[] conv2Spikes;

    private final int[] channelStart;
    private final float[] u3 = new float[dense];
    private final float[] z = new float[classes];
    private final boolean synapse;
    private final float decay;

    /** Height of a spike as it enters the next layer (the trace's share with a synapse). */
    private final float height;

    private final float[] syn2Hwc;
    private final float[] syn3;
    private final float[] syn4;
    private final long[] imageSpikes;
    private final long[] imageEvents;
    private final long[] eventsByStep;
    private final long[][] neuronSpikes = new long[3][];

    /** Where the current image's counts start in {@link #imageSpikes} and {@link #imageEvents}. */
    private int counts;

    private final Readout readout;

    Run(int images, SimulationConfig config) {
      this.config = config;
      int[] perImage = arch.neuronsPerImage();
      for (int l = 0; l < 3; l++) {
        layers[l] =
            new LifNeurons(config.neuronModel(), arch.neurons(), perImage[l], 1, config.dt());
        spiked[l] = new int[perImage[l]];
        neuronSpikes[l] = new long[perImage[l]];
      }
      this.u1 = new float[perImage[0]];
      this.live = new int[perImage[0]];
      this.liveU1 = new float[perImage[0]];
      this.u2Hwc = new float[perImage[1]];
      this.conv2Spikes = new int[perImage[1]];
      this.channelStart = new int[filters + 1];
      this.synapse = config.hasSynapse();
      this.decay = config.synapseDecay();
      float spikeHeight = (float) arch.neurons().spikeHeight(config.dt());
      this.height = synapse ? spikeHeight * (1 - decay) : spikeHeight;
      this.syn2Hwc = new float[synapse ? perImage[1] : 0];
      this.syn3 = new float[synapse ? dense : 0];
      this.syn4 = new float[synapse ? classes : 0];
      this.readout = new Readout(images, classes, config);
      this.imageSpikes = new long[images * 3];
      this.imageEvents = new long[images * 3];
      this.eventsByStep = new long[config.steps()];
    }

    /** Resets the neurons and traces for an image whose initial voltages come from {@code key}. */
    void startImage(float[] pixels, long key) {
      conv1(pixels, u1);
      liveCount = layers[0].spikingUnderConstantInput(u1, live);
      for (int k = 0; k < liveCount; k++) {
        liveU1[k] = u1[live[k]];
      }
      layers[0].resetSelected(config.initialVoltage(), config.seed(), 0, key, live, liveCount);
      layers[1].resetSelected(
          config.initialVoltage(), config.seed(), 1, key, conv2Neuron, conv2Neuron.length);
      layers[2].reset(config.initialVoltage(), config.seed(), 2, new long[] {key});
      Arrays.fill(syn2Hwc, 0f);
      Arrays.fill(syn3, 0f);
      Arrays.fill(syn4, 0f);
    }

    /** Step {@code t} of the current image, which is image {@code image} of the batch. */
    void step(int t, int image) {
      counts = image * 3;
      int n1 = fire(0, liveU1);
      long events1 = 0;
      for (int s = 0; s < n1; s++) {
        spiked[0][s] = live[spiked[0][s]];
        events1 += conv1FanOut[spiked[0][s]];
        neuronSpikes[0][spiked[0][s]]++;
      }
      imageEvents[counts] += events1;
      conv2Input(n1);
      int n2 = fire(1, u2Hwc);
      channelMajor(n2);
      imageEvents[counts + 1] += (long) n2 * dense;
      denseInput(n2);
      int n3 = fire(2, u3);
      imageEvents[counts + 2] += (long) n3 * classes;
      eventsByStep[t] += events1 + (long) n2 * dense + (long) n3 * classes;
      outputInput(n3);
      readout.step(t, image, 1, z);
    }

    private int fire(int layer, float[] input) {
      int n = layers[layer].step(input, null, spiked[layer]);
      imageSpikes[counts + layer] += n;
      return n;
    }

    /** conv2's input from conv1's {@code n1} spikes, in conv2's (y, x, c) order. */
    private void conv2Input(int n1) {
      if (synapse) {
        for (int p = 0, i = 0; p < h2 * w2; p++) {
          for (int co = 0; co < filters; co++, i++) {
            u2Hwc[i] = conv2B[co] + syn2Hwc[i];
          }
        }
        scale(syn2Hwc, decay);
        scatterConv2(spiked[0], n1, height, syn2Hwc);
      } else {
        for (int p = 0; p < h2 * w2; p++) {
          System.arraycopy(conv2B, 0, u2Hwc, p * filters, filters);
        }
        scatterConv2(spiked[0], n1, height, u2Hwc);
      }
    }

    /**
     * Lists conv2's {@code n2} spikes, reported by place in (y, x, c) order, as neurons in (c, y,
     * x) order ({@link #conv2Spikes}): the dense layer adds their weights in that order, and float
     * sums depend on it. A stable bucket sort by channel.
     */
    private void channelMajor(int n2) {
      Arrays.fill(channelStart, 0);
      for (int s = 0; s < n2; s++) {
        channelStart[spiked[1][s] % filters + 1]++;
      }
      for (int c = 0; c < filters; c++) {
        channelStart[c + 1] += channelStart[c];
      }
      for (int s = 0; s < n2; s++) {
        int place = spiked[1][s];
        conv2Spikes[channelStart[place % filters]++] = conv2Neuron[place];
      }
    }

    /** The dense layer's input from conv2's {@code n2} spikes, the average pool folded in. */
    private void denseInput(int n2) {
      int pooledRows = h2 / pool;
      int pooledCols = w2 / pool;
      float pooledHeight = height / (pool * pool);
      float[] into = beginInput(synapse, u3, syn3, denseB, decay);
      for (int s = 0; s < n2; s++) {
        int neuron = conv2Spikes[s];
        neuronSpikes[1][neuron]++;
        int c = neuron / (h2 * w2);
        int y = (neuron / w2) % h2;
        int x = neuron % w2;
        int row = ((c * pooledRows + y / pool) * pooledCols + x / pool) * dense;
        for (int j = 0; j < dense; j++) {
          into[j] += pooledHeight * denseW[row + j];
        }
      }
    }

    /** The class outputs from the dense layer's {@code n3} spikes. */
    private void outputInput(int n3) {
      float[] into = beginInput(synapse, z, syn4, outB, decay);
      for (int s = 0; s < n3; s++) {
        neuronSpikes[2][spiked[2][s]]++;
        int row = spiked[2][s] * classes;
        for (int c = 0; c < classes; c++) {
          into[c] += height * outW[row + c];
        }
      }
    }

    SpikingResult result() {
      return readout.result(neuronSpikes, imageSpikes, imageEvents, eventsByStep);
    }
  }

  /** The first layer's input: a valid convolution of the image, plus bias, in (c, y, x) order. */
  private void conv1(float[] image, float[] u1) {
    for (int co = 0; co < filters; co++) {
      for (int y = 0; y < h1; y++) {
        for (int x = 0; x < w1; x++) {
          float sum = conv1B[co];
          for (int ci = 0; ci < channels; ci++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                sum +=
                    conv1W[((co * channels + ci) * k + ky) * k + kx]
                        * image[(ci * rows + y + ky) * cols + x + kx];
              }
            }
          }
          u1[(co * h1 + y) * w1 + x] = sum;
        }
      }
    }
  }

  /**
   * Readies a layer's input for this step's spikes and returns where their weights add up. Without
   * a synapse that is the input itself, reset to the bias. With one, the input is the bias plus the
   * trace as it stood before this step (a synapse is read before the step's spikes enter it,
   * Nengo's update mode), and the spikes add to the trace, decayed by one step.
   */
  private static float[] beginInput(
      boolean synapse, float[] input, float[] trace, float[] bias, float decay) {
    if (!synapse) {
      System.arraycopy(bias, 0, input, 0, bias.length);
      return input;
    }
    for (int i = 0; i < bias.length; i++) {
      input[i] = bias[i] + trace[i];
    }
    scale(trace, decay);
    return trace;
  }

  private static void scale(float[] values, float factor) {
    for (int i = 0; i < values.length; i++) {
      values[i] *= factor;
    }
  }

  /**
   * Adds to the second layer's input, in (y, x, c) order, each conv1 spike's kernel (times {@code
   * height}) scattered onto every output window that covers it: per kernel row, one run.
   */
  private void scatterConv2(int[] spikes, int count, float height, float[] u2Hwc) {
    for (int s = 0; s < count; s++) {
      int neuron = spikes[s];
      int ci = neuron / (h1 * w1);
      int y = (neuron / w1) % h1;
      int x = neuron % w1;
      int kxLow = Math.max(0, x - w2 + 1);
      int kxHigh = Math.min(k - 1, x);
      int run = (kxHigh - kxLow + 1) * filters;
      for (int ky = Math.max(0, y - h2 + 1); ky <= Math.min(k - 1, y); ky++) {
        int target = ((y - ky) * w2 + x - kxHigh) * filters;
        int weights = ((ci * k + ky) * k + k - 1 - kxHigh) * filters;
        for (int j = 0; j < run; j++) {
          u2Hwc[target + j] += height * conv2W[weights + j];
        }
      }
    }
  }
}
