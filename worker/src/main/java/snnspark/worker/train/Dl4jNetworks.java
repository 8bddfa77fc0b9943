package snnspark.worker.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;

/**
 * The DL4J networks of a {@link SnnArchitecture}, one DL4J layer per layer of its description
 * (dropout excepted: DL4J drops the next layer's inputs) and the output layer: the training network
 * (SoftLIF neurons, fused convolutions where they apply, AdaDelta, seeded dropout), the baseline
 * built from DL4J's own layers, and the linear network the spiking simulators take each layer's
 * weights and linear part from. All have the same parameters in the same order, so one flat
 * parameter vector serves them all.
 */
public final class Dl4jNetworks {
  private Dl4jNetworks() {}

  /** The training network of {@code arch}, without training noise (the tutorial's training). */
  public static MultiLayerConfiguration training(SnnArchitecture arch, long seed) {
    return training(arch, TrainingRecipe.tutorial(seed));
  }

  /**
   * The training network whose neurons get {@link SpikeNoise} of {@code noiseHz} while training (0:
   * none, the tutorial's training).
   */
  public static MultiLayerConfiguration training(SnnArchitecture arch, long seed, double noiseHz) {
    return training(arch, TrainingRecipe.withNoise(seed, noiseHz));
  }

  /**
   * The training network with {@code recipe}'s noise, rate regularisation and updater; with {@link
   * TrainingRecipe#tutorial} the tutorial's.
   */
  public static MultiLayerConfiguration training(SnnArchitecture arch, TrainingRecipe recipe) {
    return configuration(
        arch,
        new SoftLifActivation(arch.neurons(), recipe.rates()),
        true,
        recipe,
        new SpikeNoise(recipe.noiseHz(), arch.neurons()));
  }

  /**
   * The DL4J layer index of each layer of {@code arch.layers()} (dropouts, which DL4J applies to
   * the next layer's inputs, share that layer's index); the output layer's is the last.
   */
  public static int[] layerIndices(SnnArchitecture arch) {
    List<LayerSpec> layers = arch.network().layers();
    int[] index = new int[layers.size() + 1];
    int next = 0;
    for (int i = 0; i < layers.size(); i++) {
      index[i] = next;
      if (!(layers.get(i) instanceof Dropout)) {
        next++;
      }
    }
    index[layers.size()] = next;
    return index;
  }

  /**
   * The same training network built the straightforward way, with DL4J's own convolution layers:
   * the baseline of {@code snn bench training}, kept to measure the fast one against. Both start
   * from the same values for the same seed.
   */
  public static MultiLayerConfiguration baseline(SnnArchitecture arch, long seed) {
    return configuration(
        arch,
        new SoftLifActivation(arch.neurons()),
        false,
        TrainingRecipe.tutorial(seed),
        SpikeNoise.NONE);
  }

  /**
   * The network with {@code neuron} as the nonlinearity of every neuron layer, with DL4J's own
   * convolution layers.
   */
  public static MultiLayerConfiguration withNeurons(
      SnnArchitecture arch, IActivation neuron, long seed) {
    return configuration(arch, neuron, false, TrainingRecipe.tutorial(seed), SpikeNoise.NONE);
  }

  /**
   * The network with identity "neurons" over trained {@code params}: each layer then computes only
   * its linear part (convolution, pool, weights plus bias), which the spiking simulators use.
   */
  public static MultiLayerNetwork linear(SnnArchitecture arch, INDArray params) {
    MultiLayerNetwork net = new MultiLayerNetwork(withNeurons(arch, new ActivationIdentity(), 0));
    net.init(params.dup(), false);
    return net;
  }

  /**
   * A convolution of {@code conv}: the fused kernel when {@code fused} asks for it, else DL4J's own
   * layer (the baseline {@code bench training} compares with), which has no place for training
   * noise.
   */
  private static ConvolutionLayer convolution(
      Conv conv, IActivation neuron, boolean fused, SpikeNoise noise) {
    ConvolutionLayer.Builder builder =
        new ConvolutionLayer.Builder(conv.kernel(), conv.kernel())
            .stride(conv.stride(), conv.stride())
            .nOut(conv.filters())
            .activation(neuron);
    if (conv.padding() == LayerSpec.Padding.SAME) {
      builder.convolutionMode(ConvolutionMode.Same);
    }
    if (fused) {
      return new FusedConvolutionLayer(builder, noise.stdDevHz());
    }
    if (noise.isOn()) {
      throw new IllegalArgumentException("training noise needs the fused convolution layers");
    }
    return builder.build();
  }

  /** An average pool of {@code pool}: the fast one where windows tile its input exactly. */
  private static SubsamplingLayer pooling(AvgPool pool, InputShape in, boolean fast) {
    SubsamplingLayer.Builder builder =
        new SubsamplingLayer.Builder(PoolingType.AVG)
            .kernelSize(pool.size(), pool.size())
            .stride(pool.size(), pool.size());
    boolean tiles = in.height() % pool.size() == 0 && in.width() % pool.size() == 0;
    return fast && tiles ? new FastAveragePoolingLayer(builder) : builder.build();
  }

  /** The network's configuration with {@code recipe}'s seed, updater and weight decay. */
  private static MultiLayerConfiguration configuration(
      SnnArchitecture arch,
      IActivation neuron,
      boolean fused,
      TrainingRecipe recipe,
      SpikeNoise noise) {
    long dl4jSeed = SnnArchitecture.dl4jSeed(recipe.seed());
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(dl4jSeed)
            .dataType(DataType.FLOAT)
            .updater(recipe.updater())
            .weightInit(WeightInit.XAVIER_UNIFORM)
            .convolutionMode(ConvolutionMode.Truncate)
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .list();
    List<LayerSpec> layers = arch.network().layers();
    int index = 0;
    double dropped = 0; // a dropout's rate, until the layer whose inputs it drops
    boolean afterDense = false; // whether the last neurons before here are a dense layer's
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec spec = layers.get(i);
      Layer layer;
      if (spec instanceof Dropout d) {
        dropped = d.rate();
        continue;
      } else if (spec instanceof Conv c) {
        layer = convolution(c, neuron, fused, noise);
      } else if (spec instanceof AvgPool p) {
        layer = pooling(p, arch.inputOf(i), fused);
      } else {
        layer = new DenseLayer.Builder().nOut(((Dense) spec).units()).activation(neuron).build();
      }
      if (dropped > 0 || (afterDense && noise.isOn())) {
        // The dense neurons' training noise comes with the dropout on their outputs.
        SpikeNoise dense = afterDense ? noise : SpikeNoise.NONE;
        layer.setIDropout(new SeededDropout(1 - dropped, dl4jSeed, dense, index));
      }
      list.layer(index++, layer);
      dropped = 0;
      afterDense = spec instanceof Dense || (afterDense && !spec.hasNeurons());
    }
    SpikeNoise outputNoise = afterDense ? noise : SpikeNoise.NONE;
    MultiLayerConfiguration conf =
        list.layer(index, outputLayer(arch.classes(), dropped, dl4jSeed, outputNoise))
            .setInputType(InputType.convolutional(arch.rows(), arch.cols(), arch.channels()))
            .build();
    return withWeightDecay(conf, recipe.weightDecay());
  }

  /**
   * {@code conf} with decoupled weight decay on every layer's weights, applied after the updater
   * and scaled by its learning rate (AdamW, not an L2 term in the loss). Set on each layer once
   * built: DL4J 1.0.0-M2.1's builder puts a network-wide {@code weightDecay} into every layer's
   * list twice, which decays at twice the rate asked for (WeightDecayTest pins both).
   */
  private static MultiLayerConfiguration withWeightDecay(
      MultiLayerConfiguration conf, double decay) {
    if (decay > 0) {
      for (NeuralNetConfiguration layer : conf.getConfs()) {
        if (layer.getLayer() instanceof BaseLayer weighted) {
          weighted.setRegularization(new ArrayList<>(List.of(new DecoupledWeightDecay(decay))));
        }
      }
    }
    return conf;
  }

  /**
   * The implicit output layer: softmax over the classes, trained by cross-entropy; its inputs
   * dropped at {@code dropped} (a description's last dropout) with {@code noise} on them.
   */
  private static OutputLayer outputLayer(
      int classes, double dropped, long dl4jSeed, SpikeNoise noise) {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .nOut(classes)
        .activation(Activation.SOFTMAX)
        // DL4J drops a layer's inputs and takes the probability of keeping them.
        .dropOut(new SeededDropout(1 - dropped, dl4jSeed, noise))
        .build();
  }
}
