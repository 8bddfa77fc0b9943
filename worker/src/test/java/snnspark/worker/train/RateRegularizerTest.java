package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaDelta;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.SoftLifRate;

/**
 * The rate penalty's gradient is the derivative of {@code weight * (mean rate / target - 1)^2}, in
 * the dense layer's activation and in the fused convolutions alike.
 */
class RateRegularizerTest {
  private static final RateRegularizer PULL = new RateRegularizer(40, 0.5);

  /** The penalty summed over images, as DL4J sums a minibatch's losses before dividing by it. */
  private static double penalty(double[][] in, NeuronParams neurons) {
    SoftLifRate f = new SoftLifRate(neurons);
    double total = 0;
    for (double[] image : in) {
      double sum = 0;
      for (double u : image) {
        sum += f.output(u);
      }
      total += PULL.penalty(sum / image.length / neurons.amplitude());
    }
    return total;
  }

  @Test
  void activationGradientIsThePenaltysDerivative() {
    NeuronParams neurons = NeuronParams.TUTORIAL;
    Random random = new Random(7);
    double[][] in = new double[3][20];
    for (double[] image : in) {
      for (int k = 0; k < image.length; k++) {
        image[k] = random.nextDouble() * 1.5 - 0.3;
      }
    }
    INDArray x = Nd4j.create(in);
    INDArray zero = Nd4j.zeros(DataType.DOUBLE, 3, 20);
    INDArray gradient = new SoftLifActivation(neurons, PULL).backprop(x.dup(), zero).getFirst();
    double h = 1e-6;
    for (int i = 0; i < in.length; i++) {
      for (int k = 0; k < in[i].length; k++) {
        double keep = in[i][k];
        in[i][k] = keep + h;
        double up = penalty(in, neurons);
        in[i][k] = keep - h;
        double down = penalty(in, neurons);
        in[i][k] = keep;
        double expected = (up - down) / (2 * h);
        assertEquals(expected, gradient.getDouble(i, k), 1e-6 * Math.abs(expected) + 1e-12);
      }
    }
  }

  @Test
  void fusedConvolutionsAddTheSameGradientAsDl4jLayers() {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    MultiLayerNetwork baseline =
        network(Dl4jNetworks.withNeurons(arch, new SoftLifActivation(arch.neurons(), PULL), 3));
    MultiLayerNetwork fused =
        network(Dl4jNetworks.training(arch, new TrainingRecipe(3, 0, PULL, new AdaDelta(), 0)));
    MultiLayerNetwork plain = network(Dl4jNetworks.training(arch, 3));
    INDArray x = FusedConvolutionTest.images();
    INDArray y = FusedConvolutionTest.labels();
    for (MultiLayerNetwork net : List.of(baseline, fused, plain)) {
      net.setInput(x);
      net.setLabels(y);
      net.computeGradientAndScore();
    }
    for (String name : baseline.gradient().gradientForVariable().keySet()) {
      INDArray expected = baseline.gradient().getGradientFor(name);
      double gap =
          FusedConvolutionTest.relativeGap(expected, fused.gradient().getGradientFor(name));
      assertTrue(gap < 1e-4, "gradient of " + name + " differs by " + gap + " of its largest");
    }
    // The penalty reaches every layer below the dense neurons, the first convolution included.
    double change =
        FusedConvolutionTest.relativeGap(
            plain.gradient().getGradientFor("0_b"), fused.gradient().getGradientFor("0_b"));
    assertTrue(change > 1e-2, "conv1's bias gradient changed by only " + change);
  }

  @Test
  void rejectsValuesNoTrainingCanUse() {
    assertThrows(IllegalArgumentException.class, () -> new RateRegularizer(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new RateRegularizer(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new RateRegularizer(10, -0.1));
    assertThrows(
        IllegalArgumentException.class, () -> new RateRegularizer(10, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new RateRegularizer(0, 1));
  }

  private static MultiLayerNetwork network(
      org.deeplearning4j.nn.conf.MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
