package snnspark.worker.sim;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;
import snnspark.worker.FloatArrays;
import snnspark.worker.SnnArchitecture;
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

  /** conv2 weights rearranged to [inChannel][ky][kx][outChannel], so a scatter reads a run. */
  private final float[] conv2W;

  private final float[] conv2B;

  /** Dense weights [pooled input][unit]. */
  private final float[] denseW;

  private final float[] denseB;

  /** Output weights [unit][class]. */
  private final float[] outW;

  private final float[] outB;
  private final int[] conv1FanOut;

  /** The network of {@code arch} with trained parameters {@code params} (DL4J's flat vector). */
  public EventDrivenNetwork(SnnArchitecture arch, INDArray params) {
    this.arch = arch;
    this.channels = arch.channels();
    this.filters = arch.convFilters();
    this.k = arch.kernel();
    this.rows = arch.rows();
    this.cols = arch.cols();
    this.h1 = arch.conv1Rows();
    this.w1 = arch.conv1Cols();
    this.h2 = arch.conv2Rows();
    this.w2 = arch.conv2Cols();
    this.pool = arch.pool();
    this.dense = arch.denseUnits();
    this.classes = arch.classes();
    MultiLayerNetwork net = Dl4jNetworks.linear(arch, params);
    this.conv1W = FloatArrays.flat(net.getLayer(SnnArchitecture.CONV1).getParam("W"));
    this.conv1B = FloatArrays.flat(net.getLayer(SnnArchitecture.CONV1).getParam("b"));
    float[] w =
        FloatArrays.flat(net.getLayer(SnnArchitecture.CONV2).getParam("W")); // [out][in][ky][kx]
    this.conv2W = new float[w.length];
    for (int co = 0; co < filters; co++) {
      for (int ci = 0; ci < filters; ci++) {
        for (int kk = 0; kk < k * k; kk++) {
          conv2W[(ci * k * k + kk) * filters + co] = w[(co * filters + ci) * k * k + kk];
        }
      }
    }
    this.conv2B = FloatArrays.flat(net.getLayer(SnnArchitecture.CONV2).getParam("b"));
    this.denseW = FloatArrays.flat(net.getLayer(SnnArchitecture.DENSE).getParam("W"));
    this.denseB = FloatArrays.flat(net.getLayer(SnnArchitecture.DENSE).getParam("b"));
    this.outW = FloatArrays.flat(net.getLayer(SnnArchitecture.OUTPUT).getParam("W"));
    this.outB = FloatArrays.flat(net.getLayer(SnnArchitecture.OUTPUT).getParam("b"));
    this.conv1FanOut = arch.fanOut(0);
  }

  @Override
  public SpikingResult run(Dataset batch, long firstIndex, SimulationConfig config) {
    int n = batch.count();
    int[] perImage = arch.neuronsPerImage();
    float height = (float) arch.neurons().spikeHeight(config.dt());
    float pooledHeight = height / (pool * pool);
    int pooledRows = h2 / pool;
    int pooledCols = w2 / pool;

    LifNeurons[] layers = new LifNeurons[3];
    int[][] spiked = new int[3][];
    for (int l = 0; l < 3; l++) {
      layers[l] = new LifNeurons(arch.neurons(), perImage[l], 1, config.dt());
      spiked[l] = new int[perImage[l]];
    }
    float[] u1 = new float[perImage[0]];
    float[] u2Hwc = new float[perImage[1]];
    float[] u2 = new float[perImage[1]];
    float[] u3 = new float[dense];
    float[] z = new float[classes];
    boolean synapse = config.hasSynapse();
    float decay = config.synapseDecay();
    float gain = synapse ? 1 - decay : 1; // share of a new spike's weight that enters the trace
    float[] syn2Hwc = new float[synapse ? perImage[1] : 0];
    float[] syn3 = new float[synapse ? dense : 0];
    float[] syn4 = new float[synapse ? classes : 0];
    long[] spikes = new long[3];
    long[] events = new long[3];
    long[][] neuronSpikes = {new long[perImage[0]], new long[perImage[1]], new long[perImage[2]]};
    Readout readout = new Readout(n, classes, config);

    for (int b = 0; b < n; b++) {
      for (int l = 0; l < 3; l++) {
        layers[l].reset(config.initialVoltage(), config.seed(), l, new long[] {firstIndex + b});
      }
      conv1(batch.imagesAsFloats(b, b + 1), u1);
      Arrays.fill(syn2Hwc, 0f);
      Arrays.fill(syn3, 0f);
      Arrays.fill(syn4, 0f);
      for (int t = 0; t < config.steps(); t++) {
        int n1 = layers[0].step(u1, null, spiked[0]);
        spikes[0] += n1;
        for (int s = 0; s < n1; s++) {
          events[0] += conv1FanOut[spiked[0][s]];
          neuronSpikes[0][spiked[0][s]]++;
        }

        if (synapse) {
          for (int p = 0, i = 0; p < h2 * w2; p++) {
            for (int co = 0; co < filters; co++, i++) {
              u2Hwc[i] = conv2B[co] + syn2Hwc[i];
            }
          }
          scale(syn2Hwc, decay);
          scatterConv2(spiked[0], n1, height * gain, syn2Hwc);
        } else {
          for (int p = 0; p < h2 * w2; p++) {
            System.arraycopy(conv2B, 0, u2Hwc, p * filters, filters);
          }
          scatterConv2(spiked[0], n1, height, u2Hwc);
        }
        for (int co = 0, i = 0; co < filters; co++) {
          for (int p = 0; p < h2 * w2; p++, i++) {
            u2[i] = u2Hwc[p * filters + co];
          }
        }
        int n2 = layers[1].step(u2, null, spiked[1]);
        spikes[1] += n2;
        events[1] += (long) n2 * dense;

        float[] into3 = beginInput(synapse, u3, syn3, denseB, decay);
        float height3 = pooledHeight * gain;
        for (int s = 0; s < n2; s++) {
          int neuron = spiked[1][s];
          neuronSpikes[1][neuron]++;
          int c = neuron / (h2 * w2);
          int y = (neuron / w2) % h2;
          int x = neuron % w2;
          int row = ((c * pooledRows + y / pool) * pooledCols + x / pool) * dense;
          for (int j = 0; j < dense; j++) {
            into3[j] += height3 * denseW[row + j];
          }
        }
        int n3 = layers[2].step(u3, null, spiked[2]);
        spikes[2] += n3;
        events[2] += (long) n3 * classes;

        float[] into4 = beginInput(synapse, z, syn4, outB, decay);
        float height4 = height * gain;
        for (int s = 0; s < n3; s++) {
          neuronSpikes[2][spiked[2][s]]++;
          int row = spiked[2][s] * classes;
          for (int c = 0; c < classes; c++) {
            into4[c] += height4 * outW[row + c];
          }
        }
        readout.step(t, b, 1, z);
      }
    }
    return readout.result(spikes, events, neuronSpikes);
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
   * height}) scattered onto every output window that covers it.
   */
  private void scatterConv2(int[] spikes, int count, float height, float[] u2Hwc) {
    for (int s = 0; s < count; s++) {
      int neuron = spikes[s];
      int ci = neuron / (h1 * w1);
      int y = (neuron / w1) % h1;
      int x = neuron % w1;
      for (int ky = 0; ky < k; ky++) {
        int oy = y - ky;
        if (oy < 0 || oy >= h2) {
          continue;
        }
        for (int kx = 0; kx < k; kx++) {
          int ox = x - kx;
          if (ox < 0 || ox >= w2) {
            continue;
          }
          int target = (oy * w2 + ox) * filters;
          int weights = ((ci * k + ky) * k + kx) * filters;
          for (int co = 0; co < filters; co++) {
            u2Hwc[target + co] += height * conv2W[weights + co];
          }
        }
      }
    }
  }
}
