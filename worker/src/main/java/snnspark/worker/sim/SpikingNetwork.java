package snnspark.worker.sim;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.FloatArrays;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.LifNeurons;
import snnspark.worker.train.Dl4jNetworks;

/**
 * The trained network run with spiking LIF neurons (docs/model.md, "Spiking evaluation"), densely:
 * every step runs every connection, spikes or not. Each image is held constant as input for {@code
 * steps} steps; spikes pass between layers without synapses (or through the lowpass {@link
 * SimulationConfig#synapseTau} when one is set); the class outputs go through the readout lowpass.
 *
 * <p>The linear parts are DL4J's own layers (with identity activations) over the trained
 * parameters, so the spiking network computes exactly the connections training optimised. This is
 * the reference implementation: simple, not fast. Not thread-safe; make one per task.
 */
public final class SpikingNetwork implements SpikingSimulator {
  private final SnnArchitecture arch;
  private final Layer conv1;
  private final Layer conv2;
  private final Layer pool;
  private final INDArray denseW;
  private final INDArray denseB;
  private final INDArray outW;
  private final INDArray outB;
  private final int[][] fanOut;

  /** The network of {@code arch} with trained parameters {@code params} (DL4J's flat vector). */
  public SpikingNetwork(SnnArchitecture arch, INDArray params) {
    this.arch = arch;
    MultiLayerNetwork linear = Dl4jNetworks.linear(arch, params);
    this.conv1 = linear.getLayer(SnnArchitecture.CONV1);
    this.conv2 = linear.getLayer(SnnArchitecture.CONV2);
    this.pool = linear.getLayer(SnnArchitecture.POOL);
    this.denseW = linear.getLayer(SnnArchitecture.DENSE).getParam("W");
    this.denseB = linear.getLayer(SnnArchitecture.DENSE).getParam("b");
    this.outW = linear.getLayer(SnnArchitecture.OUTPUT).getParam("W");
    this.outB = linear.getLayer(SnnArchitecture.OUTPUT).getParam("b");
    this.fanOut = new int[][] {arch.fanOut(0), arch.fanOut(1), arch.fanOut(2)};
  }

  @Override
  public SpikingResult run(ImageBatch batch, SimulationConfig config) {
    int n = batch.count();
    int steps = config.steps();
    int classes = arch.classes();
    int[] perImage = arch.neuronsPerImage();
    LifNeurons[] layers = neurons(batch, config);
    float[][] out = new float[3][];
    for (int l = 0; l < 3; l++) {
      out[l] = new float[perImage[l] * n];
    }
    Readout readout = new Readout(n, classes, config);
    long[] imageSpikes = new long[n * 3];
    long[] imageEvents = new long[n * 3];
    long[] eventsByStep = new long[steps];
    long[][] neuronSpikes = {new long[perImage[0]], new long[perImage[1]], new long[perImage[2]]};
    long[] shape1 = {n, arch.convFilters(), arch.conv1Rows(), arch.conv1Cols()};
    long[] shape2 = {n, arch.convFilters(), arch.conv2Rows(), arch.conv2Cols()};

    // What each layer sends on: its spikes, or their lowpass-filtered trace with a synapse.
    float[][] sent = out;
    if (config.hasSynapse()) {
      sent = new float[3][];
      for (int l = 0; l < 3; l++) {
        sent[l] = new float[out[l].length];
      }
    }
    float decay = config.synapseDecay();

    // The input is constant, so the first layer's input current is too. A synapse is read before
    // this step's spikes enter it (Nengo's update mode, see Lowpass): each layer's input is
    // computed from what the previous layer sent before its trace takes the new spikes.
    float[] u1 = FloatArrays.flat(linear(conv1, batch.features()));
    for (int t = 0; t < steps; t++) {
      layers[0].step(u1, out[0]);
      eventsByStep[t] +=
          countSpikes(out[0], 0, fanOut[0], neuronSpikes[0], imageSpikes, imageEvents);

      float[] u2 = FloatArrays.flat(linear(conv2, Nd4j.create(sent[0], shape1, 'c')));
      filter(out[0], sent[0], decay);
      layers[1].step(u2, out[1]);
      eventsByStep[t] +=
          countSpikes(out[1], 1, fanOut[1], neuronSpikes[1], imageSpikes, imageEvents);

      INDArray pooled = linear(pool, Nd4j.create(sent[1], shape2, 'c')).reshape('c', n, -1);
      float[] u3 = FloatArrays.flat(pooled.mmul(denseW).addiRowVector(denseB));
      filter(out[1], sent[1], decay);
      layers[2].step(u3, out[2]);
      eventsByStep[t] +=
          countSpikes(out[2], 2, fanOut[2], neuronSpikes[2], imageSpikes, imageEvents);

      INDArray dense = Nd4j.create(sent[2], new long[] {n, arch.denseUnits()}, 'c');
      float[] z = FloatArrays.flat(dense.mmul(outW).addiRowVector(outB));
      filter(out[2], sent[2], decay);
      readout.step(t, 0, n, z);
    }
    return readout.result(neuronSpikes, imageSpikes, imageEvents, eventsByStep);
  }

  /** The three neuron layers for the images of {@code batch}, started per config. */
  private LifNeurons[] neurons(ImageBatch batch, SimulationConfig config) {
    int n = batch.count();
    long[] keys = new long[n];
    for (int b = 0; b < n; b++) {
      keys[b] = batch.key(b);
    }
    int[] perImage = arch.neuronsPerImage();
    LifNeurons[] layers = new LifNeurons[3];
    for (int l = 0; l < 3; l++) {
      layers[l] = new LifNeurons(config.neuronModel(), arch.neurons(), perImage[l], n, config.dt());
      layers[l].reset(config.initialVoltage(), config.seed(), l, keys);
    }
    return layers;
  }

  /** The synapse's step, {@code y = a y + (1 - a) x}; nothing when spikes pass straight on. */
  private static void filter(float[] x, float[] y, float decay) {
    if (x == y) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      y[i] = decay * y[i] + (1 - decay) * x[i];
    }
  }

  private static INDArray linear(Layer layer, INDArray input) {
    return layer.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
  }

  /**
   * Counts layer {@code layer}'s spikes of one step: into each neuron position ({@code fan} and
   * {@code counts} repeat per image), and per image into {@code imageSpikes} and {@code
   * imageEvents} (the fan-out of every neuron that spiked). Returns the step's synaptic events.
   */
  private static long countSpikes(
      float[] out, int layer, int[] fan, long[] counts, long[] imageSpikes, long[] imageEvents) {
    long events = 0;
    for (int i = 0, k = 0, image = 0; i < out.length; i++) {
      if (out[i] != 0f) {
        events += fan[k];
        imageEvents[image * 3 + layer] += fan[k];
        imageSpikes[image * 3 + layer]++;
        counts[k]++;
      }
      if (++k == fan.length) {
        k = 0;
        image++;
      }
    }
    return events;
  }
}
