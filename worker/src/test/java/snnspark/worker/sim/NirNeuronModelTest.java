package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.neuron.LifNeurons;
import snnspark.worker.neuron.Lowpass;
import snnspark.worker.neuron.NeuronModel;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

/** {@link NeuronModel#NIR}, what the exported NIR graph means, against cases worked by hand. */
class NirNeuronModelTest {
  private static final int TUTORIAL_CONV1 = 0; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_CONV2 = 1; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_DENSE = 3; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_OUTPUT = 4; // its DL4J layer index in the tutorial's network
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final double DT = 0.001;

  /** docs/model.md: gain = 2.0332437, bias = 1 for the tutorial's neurons. */
  private static final double GAIN = 2.0332437;

  private static List<Integer> spikeSteps(float u, int steps) {
    LifNeurons n = new LifNeurons(NeuronModel.NIR, NeuronParams.TUTORIAL, 1, 1, DT);
    n.reset(InitialVoltage.ZERO, 0, 0, new long[] {0});
    List<Integer> spikes = new ArrayList<>();
    for (int t = 1; t <= steps; t++) {
      if (n.step(new float[] {u}, new float[1]) > 0) {
        spikes.add(t);
      }
    }
    return spikes;
  }

  @Test
  void eulerLifWithoutRefractoryPeriodFiresWhereTheHandComputationSays() {
    // J = 2.0332437 * 0.5 + 1 = 2.01662; from 0, v_n = J (1 - 0.95^n) passes 1 first at n = 14
    // (0.95^13 = 0.5133 > 1 - 1/J = 0.50412 > 0.95^14 = 0.4877); reset to 0, it repeats.
    assertEquals(List.of(14, 28), spikeSteps(0.5f, 30));
  }

  @Test
  void voltageHasNoFloorAndOneStepIsDtOverTau() {
    LifNeurons n = new LifNeurons(NeuronModel.NIR, NeuronParams.TUTORIAL, 1, 1, DT);
    n.reset(InitialVoltage.ZERO, 0, 0, new long[] {0});
    n.step(new float[] {-1f}, new float[1]);
    assertEquals((float) (0.05 * (1 - GAIN)), n.voltage(0), 1e-7); // v = dt/tau * J < 0
  }

  @Test
  void outputLiIsEulerAndReadAfterItsStep() {
    Lowpass li = new Lowpass(NeuronModel.NIR, 0.1, DT, 1);
    li.step(new float[] {1f});
    assertEquals(0.01, li.output(0), 1e-15);
    li.step(new float[] {1f});
    assertEquals(0.0199, li.output(0), 1e-15);
  }

  @Test
  void aNirRunStartsAtZeroAndHasNoSynapse() {
    SimulationConfig nir = SimulationConfig.tutorial(5).asNir();
    assertEquals(InitialVoltage.ZERO, nir.initialVoltage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SimulationConfig.tutorial(5).withSynapse(0.002).asNir());
    assertThrows(
        IllegalArgumentException.class, () -> nir.withInitialVoltage(InitialVoltage.UNIFORM));
  }

  /**
   * Every weight 10, every bias 0, a white image: every neuron with input fires at once (conv 1's J
   * = 2.03 * 90 + 1, so dt/tau J = 9.2 > 1) and again every step, so each logit is 128 dense spikes
   * of height 0.01/dt = 10 times 10, 12800, and the output LI reads 12800 (1 - 0.99^t) from step 1
   * on, in both simulators.
   */
  @Test
  void aSaturatedNetworkReadsTheHandComputedOutput() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(Dl4jNetworks.withNeurons(ARCH, new ActivationIdentity(), 0));
    net.init();
    net.params().assign(10);
    for (int layer : new int[] {TUTORIAL_CONV1, TUTORIAL_CONV2, TUTORIAL_DENSE, TUTORIAL_OUTPUT}) {
      net.getParam(layer + "_b").assign(0);
    }
    INDArray params = net.params();
    byte[] pixels = new byte[ARCH.rows() * ARCH.cols()];
    Arrays.fill(pixels, (byte) 255);
    Dataset white = Dataset.labelled("white", 1, ARCH.rows(), ARCH.cols(), pixels, new byte[] {0});
    SimulationConfig config = SimulationConfig.tutorial(3).asNir();
    for (SpikingSimulator simulator :
        new SpikingSimulator[] {
          new SpikingNetwork(ARCH, params), new EventDrivenNetwork(ARCH, params)
        }) {
      SpikingResult result = simulator.run(ImageBatch.of(white), config);
      float[] expected = new float[3];
      float[] got = new float[3];
      for (int t = 0; t < 3; t++) {
        expected[t] = (float) (12800 * (1 - Math.pow(0.99, t + 1)));
        got[t] = result.filtered(0, t, 4);
      }
      assertArrayEquals(expected, got, 1e-3f, simulator.getClass().getSimpleName());
    }
  }
}
