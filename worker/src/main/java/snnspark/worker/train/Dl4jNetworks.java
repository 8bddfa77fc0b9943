package snnspark.worker.train;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import snnspark.worker.SnnArchitecture;

/**
 * The DL4J networks of a {@link SnnArchitecture}: the training network (SoftLIF neurons, fused
 * convolutions, AdaDelta, seeded dropout), the baseline built from DL4J's own layers, and the
 * linear network the spiking simulators take each layer's weights and linear part from. All have
 * the same parameters in the same order, so one flat parameter vector serves them all.
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
        recipe.seed(),
        true,
        recipe.updater(),
        new SpikeNoise(recipe.noiseHz(), arch.neurons()));
  }

  /**
   * The same training network built the straightforward way, with DL4J's own convolution layers:
   * the baseline of {@code snn bench training}, kept to measure the fast one against. Both start
   * from the same values for the same seed.
   */
  public static MultiLayerConfiguration baseline(SnnArchitecture arch, long seed) {
    return configuration(
        arch, new SoftLifActivation(arch.neurons()), seed, false, new AdaDelta(), SpikeNoise.NONE);
  }

  /**
   * The network with {@code neuron} as the nonlinearity of every neuron layer, with DL4J's own
   * convolution layers.
   */
  public static MultiLayerConfiguration withNeurons(
      SnnArchitecture arch, IActivation neuron, long seed) {
    return configuration(arch, neuron, seed, false, new AdaDelta(), SpikeNoise.NONE);
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

  private static ConvolutionLayer convolution(
      SnnArchitecture arch, IActivation neuron, boolean fused, SpikeNoise noise) {
    ConvolutionLayer.Builder builder =
        new ConvolutionLayer.Builder(arch.kernel(), arch.kernel())
            .nOut(arch.convFilters())
            .activation(neuron);
    if (!fused && noise.isOn()) {
      throw new IllegalArgumentException("training noise needs the fused convolution layers");
    }
    return fused ? new FusedConvolutionLayer(builder, noise.stdDevHz()) : builder.build();
  }

  private static SubsamplingLayer pooling(SnnArchitecture arch, boolean fast) {
    SubsamplingLayer.Builder builder =
        new SubsamplingLayer.Builder(PoolingType.AVG)
            .kernelSize(arch.pool(), arch.pool())
            .stride(arch.pool(), arch.pool());
    return fast ? new FastAveragePoolingLayer(builder) : builder.build();
  }

  private static MultiLayerConfiguration configuration(
      SnnArchitecture arch,
      IActivation neuron,
      long seed,
      boolean fused,
      IUpdater updater,
      SpikeNoise noise) {
    long dl4jSeed = SnnArchitecture.dl4jSeed(seed);
    return new NeuralNetConfiguration.Builder()
        .seed(dl4jSeed)
        .dataType(DataType.FLOAT)
        .updater(updater)
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .convolutionMode(ConvolutionMode.Truncate)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .list()
        .layer(SnnArchitecture.CONV1, convolution(arch, neuron, fused, noise))
        .layer(SnnArchitecture.CONV2, convolution(arch, neuron, fused, noise))
        .layer(SnnArchitecture.POOL, pooling(arch, fused))
        .layer(
            SnnArchitecture.DENSE,
            new DenseLayer.Builder().nOut(arch.denseUnits()).activation(neuron).build())
        .layer(
            SnnArchitecture.OUTPUT,
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(arch.classes())
                .activation(Activation.SOFTMAX)
                // DL4J drops a layer's inputs and takes the probability of keeping them.
                // The dense neurons' training noise comes with the dropout on their outputs.
                .dropOut(new SeededDropout(1 - arch.dropout(), dl4jSeed, noise))
                .build())
        .setInputType(InputType.convolutional(arch.rows(), arch.cols(), arch.channels()))
        .build();
  }
}
