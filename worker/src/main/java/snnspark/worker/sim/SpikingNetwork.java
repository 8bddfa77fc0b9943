package snnspark.worker.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.FloatArrays;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.neuron.LifNeurons;
import snnspark.worker.train.Dl4jNetworks;

/**
 * The trained network run with spiking LIF neurons (docs/model.md, "Spiking evaluation"), densely:
 * every step runs every connection, spikes or not. Each image is held constant as input for {@code
 * steps} steps; spikes pass between layers without synapses (or through the lowpass {@link
 * SimulationConfig#synapseTau} when one is set); the class outputs go through the readout lowpass.
 *
 * <p>It runs any network a description gives: between two neuron layers (and from the last to the
 * output) it applies the linear layers between them in order, DL4J's own layers (with identity
 * activations) for convolutions and pools, the weights and biases for dense layers, over the
 * trained parameters, so the spiking network computes exactly the connections training optimised.
 * This is the reference implementation: simple, not fast. Not thread-safe; make one per task.
 */
public final class SpikingNetwork implements SpikingSimulator {
  private final SnnArchitecture arch;

  /**
   * For each neuron layer, then the output layer: the linear steps from the previous neuron layer's
   * outputs (the image, for the first) to its input.
   */
  private final List<List<Linear>> chains = new ArrayList<>();

  /** Each neuron layer's outputs per image as (channels, rows, columns), or (units). */
  private final long[][] shapes;

  private final int[][] fanOut;

  /** The network of {@code arch} with trained parameters {@code params} (DL4J's flat vector). */
  public SpikingNetwork(SnnArchitecture arch, INDArray params) {
    this.arch = arch;
    MultiLayerNetwork linear = Dl4jNetworks.linear(arch, params);
    int[] dl4j = Dl4jNetworks.layerIndices(arch);
    List<LayerShape> layers = arch.layers();
    List<Linear> chain = new ArrayList<>();
    List<long[]> neuronShapes = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      LayerShape layer = layers.get(i);
      Layer dl4jLayer = linear.getLayer(dl4j[i]);
      if (layer.spec() == null || layer.spec() instanceof LayerSpec.Dense) {
        chain.add(new Linear(null, dl4jLayer.getParam("W"), dl4jLayer.getParam("b")));
      } else if (!(layer.spec() instanceof LayerSpec.Dropout)) {
        chain.add(new Linear(dl4jLayer, null, null));
      }
      if (layer.hasNeurons() || layer.spec() == null) {
        chains.add(chain);
        chain = new ArrayList<>();
        InputShape out = layer.output();
        neuronShapes.add(
            layer.spec() instanceof LayerSpec.Conv
                ? new long[] {out.channels(), out.height(), out.width()}
                : new long[] {out.size()});
      }
    }
    this.shapes = neuronShapes.toArray(long[][]::new);
    this.fanOut = new int[arch.neuronsPerImage().length][];
    Arrays.setAll(fanOut, arch::fanOut);
  }

  /**
   * One linear step between neuron layers: a DL4J layer with identity neurons (convolution, pool),
   * or weights and biases (dense, output) applied as the rate network applies them.
   */
  private record Linear(Layer layer, INDArray weights, INDArray bias) {
    INDArray apply(INDArray x, int n) {
      if (layer != null) {
        return layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
      }
      return x.reshape('c', n, -1).mmul(weights).addiRowVector(bias);
    }
  }

  @Override
  public SpikingResult run(ImageBatch batch, SimulationConfig config) {
    int n = batch.count();
    int steps = config.steps();
    int[] perImage = arch.neuronsPerImage();
    int count = perImage.length;
    LifNeurons[] layers = neurons(batch, config);
    float[][] out = new float[count][];
    long[][] neuronSpikes = new long[count][];
    for (int l = 0; l < count; l++) {
      out[l] = new float[perImage[l] * n];
      neuronSpikes[l] = new long[perImage[l]];
    }
    Readout readout = new Readout(n, arch.classes(), config);
    Counts counts = new Counts(n, count, steps, neuronSpikes);

    // What each layer sends on: its spikes, or their lowpass-filtered trace with a synapse.
    float[][] sent = out;
    if (config.hasSynapse()) {
      sent = new float[count][];
      for (int l = 0; l < count; l++) {
        sent[l] = new float[out[l].length];
      }
    }
    float decay = config.synapseDecay();

    // The input is constant, so the first layer's input current is too. A synapse is read before
    // this step's spikes enter it (Nengo's update mode, see Lowpass): each layer's input is
    // computed from what the previous layer sent before its trace takes the new spikes.
    float[] u1 = applied(chains.get(0), batch.features(), n);
    for (int t = 0; t < steps; t++) {
      for (int l = 0; l < count; l++) {
        float[] u = u1;
        if (l > 0) {
          u = appliedToSent(chains.get(l), sent[l - 1], l - 1, n);
          filter(out[l - 1], sent[l - 1], decay);
        }
        layers[l].step(u, out[l]);
        counts.count(t, l, out[l], fanOut[l]);
      }
      float[] z = appliedToSent(chains.get(count), sent[count - 1], count - 1, n);
      filter(out[count - 1], sent[count - 1], decay);
      readout.step(t, 0, n, z);
    }
    return readout.result(
        new SpikeCounts(neuronSpikes, counts.imageSpikes, counts.imageEvents, counts.byStep));
  }

  /** {@code chain} applied to what neuron layer {@code l} sent for {@code n} images. */
  private float[] appliedToSent(List<Linear> chain, float[] sent, int l, int n) {
    try (INDArray x = sentArray(sent, l, n)) {
      return applied(chain, x, n);
    }
  }

  /**
   * {@code chain} applied to {@code x}, as plain floats. Every array the chain creates is freed
   * before returning: ND4J frees off-heap memory only when the garbage collector collects its
   * arrays, so without this a run's resident memory followed the heap's sizing (0.5 GiB in one
   * build, 3.5 GiB in another that differed only in code outside this loop), and so did its speed.
   * Closing skips views.
   */
  private static float[] applied(List<Linear> chain, INDArray x, int n) {
    List<INDArray> created = new ArrayList<>();
    INDArray y = x;
    try {
      for (Linear step : chain) {
        y = step.apply(y, n);
        if (y != x) {
          created.add(y);
        }
      }
      return FloatArrays.flat(y);
    } finally {
      created.forEach(INDArray::close);
    }
  }

  /** What neuron layer {@code l} sent for {@code n} images, in the shape the next layer takes. */
  private INDArray sentArray(float[] sent, int l, int n) {
    long[] shape = new long[shapes[l].length + 1];
    shape[0] = n;
    System.arraycopy(shapes[l], 0, shape, 1, shapes[l].length);
    return Nd4j.create(sent, shape, 'c');
  }

  /** The neuron layers for the images of {@code batch}, started per config. */
  private LifNeurons[] neurons(ImageBatch batch, SimulationConfig config) {
    int n = batch.count();
    long[] keys = new long[n];
    for (int b = 0; b < n; b++) {
      keys[b] = batch.key(b);
    }
    int[] perImage = arch.neuronsPerImage();
    LifNeurons[] layers = new LifNeurons[perImage.length];
    for (int l = 0; l < perImage.length; l++) {
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

  /** The spike and synaptic-event counts of one run. */
  private static final class Counts {
    final long[] imageSpikes;
    final long[] imageEvents;
    final long[] byStep;
    final long[][] neuronSpikes;
    final int layers;

    Counts(int images, int layers, int steps, long[][] neuronSpikes) {
      this.layers = layers;
      this.imageSpikes = new long[images * layers];
      this.imageEvents = new long[images * layers];
      this.byStep = new long[steps];
      this.neuronSpikes = neuronSpikes;
    }

    /**
     * Counts layer {@code layer}'s spikes of step {@code t}: into each neuron position ({@code fan}
     * and the counts repeat per image), and per image into spikes and synaptic events (the fan-out
     * of every neuron that spiked).
     */
    void count(int t, int layer, float[] out, int[] fan) {
      long[] counts = neuronSpikes[layer];
      long events = 0;
      for (int i = 0, k = 0, image = 0; i < out.length; i++) {
        if (out[i] != 0f) {
          events += fan[k];
          imageEvents[image * layers + layer] += fan[k];
          imageSpikes[image * layers + layer]++;
          counts[k]++;
        }
        if (++k == fan.length) {
          k = 0;
          image++;
        }
      }
      byStep[t] += events;
    }
  }
}
