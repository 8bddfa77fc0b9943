package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.SoftLifRate;

/**
 * The fast training network computes what the straightforward DL4J one computes: same initial
 * parameters, same activations, same gradients (to float32 summation order), same saved form.
 */
class FusedConvolutionTest {
  private static final int TUTORIAL_CONV1 = 0; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_CONV2 = 1; // its DL4J layer index in the tutorial's network
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final int IMAGES = 24;

  private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** Digit-like inputs: pixels in [0, 1], most of them dark, as in MNIST. */
  static INDArray images() {
    java.util.Random random = new java.util.Random(42);
    float[] pixels = new float[IMAGES * ARCH.rows() * ARCH.cols()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) Math.min(1, Math.max(0, 2.5 * (random.nextDouble() - 0.6)));
    }
    return Nd4j.create(pixels, new long[] {IMAGES, 1, ARCH.rows(), ARCH.cols()}, 'c');
  }

  static INDArray labels() {
    INDArray y = Nd4j.zeros(DataType.FLOAT, IMAGES, ARCH.classes());
    for (int i = 0; i < IMAGES; i++) {
      y.putScalar(i, (i * 7) % ARCH.classes(), 1);
    }
    return y;
  }

  static double relativeGap(INDArray expected, INDArray actual) {
    double scale = expected.amaxNumber().doubleValue();
    return expected.sub(actual).amaxNumber().doubleValue() / scale;
  }

  @Test
  void activationsAndGradientsMatchDl4jConvolution() {
    assertMatchesDl4jLayers(ARCH);
  }

  /**
   * Same padding with an odd kernel (padded evenly) and an even one (one more zero after), and
   * stride 2 valid and padded.
   */
  @Test
  void paddedAndStridedActivationsAndGradientsMatchDl4jConvolution() {
    NetworkDescription network =
        new NetworkDescription(
            List.of(
                new LayerSpec.Conv(8, 3, 1, LayerSpec.Padding.SAME),
                new LayerSpec.Conv(6, 2, 1, LayerSpec.Padding.SAME),
                new LayerSpec.Conv(6, 3, 2, LayerSpec.Padding.VALID),
                new LayerSpec.Conv(5, 3, 2, LayerSpec.Padding.SAME),
                new LayerSpec.Dense(16)));
    assertMatchesDl4jLayers(
        SnnArchitecture.of(network, ARCH.input(), ARCH.classes(), ARCH.neurons()));
  }

  private static void assertMatchesDl4jLayers(SnnArchitecture arch) {
    MultiLayerNetwork baseline = network(Dl4jNetworks.baseline(arch, 3));
    MultiLayerNetwork fast = network(Dl4jNetworks.training(arch, 3));
    assertEquals(baseline.params(), fast.params(), "same initial parameters");

    INDArray x = images();
    for (boolean training : new boolean[] {false, true}) {
      List<INDArray> expected = baseline.feedForward(x, training);
      List<INDArray> actual = fast.feedForward(x, training);
      for (int layer = 0; layer < expected.size(); layer++) {
        double gap = relativeGap(expected.get(layer), actual.get(layer));
        assertTrue(gap < 1e-5, "training=" + training + " layer " + layer + ": " + gap);
      }
    }

    for (MultiLayerNetwork net : List.of(baseline, fast)) {
      net.setInput(x);
      net.setLabels(labels());
      net.computeGradientAndScore();
    }
    assertEquals(baseline.score(), fast.score(), 1e-5 * baseline.score());
    for (String name : baseline.gradient().gradientForVariable().keySet()) {
      double gap =
          relativeGap(
              baseline.gradient().getGradientFor(name), fast.gradient().getGradientFor(name));
      assertTrue(gap < 1e-4, "gradient of " + name + " differs by " + gap + " of its largest");
    }
  }

  /** Inference cuts one image's patches at a time, training every image's: the same bits. */
  @Test
  void inferenceGivesTrainingsConvolutionOutputsToTheBit() {
    MultiLayerNetwork fast = network(Dl4jNetworks.training(ARCH, 3));
    INDArray x = images();
    List<INDArray> inference = fast.feedForward(x, false);
    List<INDArray> training = fast.feedForward(x, true);
    for (int layer = 1; layer <= 2; layer++) { // the input, then the two convolutions
      assertArrayEquals(
          training.get(layer).data().asFloat(), inference.get(layer).data().asFloat(), "" + layer);
    }
  }

  @Test
  void trainingStepsFollowTheSameLossCurve() {
    MultiLayerNetwork baseline = network(Dl4jNetworks.baseline(ARCH, 5));
    MultiLayerNetwork fast = network(Dl4jNetworks.training(ARCH, 5));
    org.nd4j.linalg.dataset.DataSet batch = new org.nd4j.linalg.dataset.DataSet(images(), labels());
    for (int step = 0; step < 5; step++) {
      baseline.fit(batch);
      fast.fit(batch);
      assertEquals(baseline.score(), fast.score(), 1e-3 * baseline.score(), "step " + step);
    }
  }

  @Test
  void savesAndReloadsAsFusedLayers() throws Exception {
    MultiLayerNetwork fast = network(Dl4jNetworks.training(ARCH, 1));
    MultiLayerConfiguration reread =
        MultiLayerConfiguration.fromJson(fast.getLayerWiseConfigurations().toJson());
    assertTrue(reread.getConf(TUTORIAL_CONV2).getLayer() instanceof FusedConvolutionLayer);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(fast, bytes, true);
    MultiLayerNetwork loaded =
        ModelSerializer.restoreMultiLayerNetwork(
            new ByteArrayInputStream(bytes.toByteArray()), true);
    assertTrue(loaded.getLayer(TUTORIAL_CONV1) instanceof FusedConvolution);
    assertEquals(fast.params(), loaded.params());
    INDArray x = images();
    assertEquals(fast.output(x), loaded.output(x));
  }

  @Test
  void fusedNeuronKernelMatchesTheReferenceFormulas() {
    SoftLifRate rate = new SoftLifRate(NeuronParams.TUTORIAL);
    int n = 4001;
    float[] x = new float[n];
    float[] expectedOut = new float[n];
    float[] expectedDerivative = new float[n];
    float offset = 0.003f;
    for (int i = 0; i < n; i++) {
      // u from -2 to 2, dense around 0 where the softplus bends (|js| < 30 is |u| < 0.03).
      double t = (i - n / 2) / (double) (n / 2);
      x[i] = (float) (2 * t * t * t);
      expectedOut[i] = (float) rate.output(x[i] + offset);
      expectedDerivative[i] = (float) rate.derivative(x[i] + offset);
    }
    float[] outputOnly = x.clone();
    float[] derivative = new float[n];
    rate.outputAndDerivative(x, offset, derivative, n);
    rate.output(outputOnly, offset, n);
    // The inference kernel gives the training kernel's outputs bit for bit.
    assertArrayEquals(x, outputOnly);
    for (int i = 0; i < n; i++) {
      assertEquals(expectedOut[i], x[i], 2e-6 * Math.abs(expectedOut[i]) + 1e-12, "output " + i);
      assertEquals(
          expectedDerivative[i],
          derivative[i],
          2e-6 * Math.abs(expectedDerivative[i]) + 1e-12,
          "derivative " + i);
      assertTrue(Float.isFinite(derivative[i]));
    }
  }
}
