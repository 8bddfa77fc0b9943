package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.train.Dl4jNetworks;

/**
 * Pins Nengo's timing: a synapse (the readout's, or one on a connection) is read before the step's
 * input enters it, so each one delays by exactly one step; a connection without one passes spikes
 * on within the step.
 */
class SynapseDelayTest {
  private static final int TUTORIAL_CONV1 = 0; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_CONV2 = 1; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_DENSE = 3; // its DL4J layer index in the tutorial's network
  private static final int TUTORIAL_OUTPUT = 4; // its DL4J layer index in the tutorial's network
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final int STEPS = 8;
  private static final int[] LINEAR_LAYERS = {
    TUTORIAL_CONV1, TUTORIAL_CONV2, TUTORIAL_DENSE, TUTORIAL_OUTPUT
  };

  /**
   * Weights so strong that every neuron that gets any input spikes in the same step (10 on every
   * weight, 0 on every bias), so each layer's first spike shows when its input first arrived.
   */
  private static INDArray saturatingWeights() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(Dl4jNetworks.withNeurons(ARCH, new ActivationIdentity(), 0));
    net.init();
    net.params().assign(10);
    for (int layer : LINEAR_LAYERS) {
      net.getParam(layer + "_b").assign(0);
    }
    return net.params();
  }

  private static Dataset whiteImage() {
    byte[] pixels = new byte[ARCH.rows() * ARCH.cols()];
    Arrays.fill(pixels, (byte) 255);
    return Dataset.labelled("white", 1, ARCH.rows(), ARCH.cols(), pixels, new byte[] {0});
  }

  /** The first step (1-based) at which the filtered output is not 0. */
  private static int firstOutputStep(SpikingSimulator simulator, SimulationConfig config) {
    SpikingResult result = simulator.run(ImageBatch.of(whiteImage()), config);
    for (int t = 0; t < STEPS; t++) {
      for (int c = 0; c < ARCH.classes(); c++) {
        if (result.filtered(0, t, c) != 0f) {
          return t + 1;
        }
      }
    }
    return -1;
  }

  @Test
  void eachSynapseOnTheThreeConnectionsDelaysTheOutputByOneStep() {
    INDArray params = saturatingWeights();
    SimulationConfig plain =
        SimulationConfig.tutorial(STEPS).withInitialVoltage(InitialVoltage.ZERO);
    SimulationConfig filtered = plain.withSynapse(0.005);
    for (SpikingSimulator simulator :
        new SpikingSimulator[] {
          new SpikingNetwork(ARCH, params), new EventDrivenNetwork(ARCH, params)
        }) {
      String name = simulator.getClass().getSimpleName();
      // Spikes cross all three connections in step 1; the readout shows them from step 2.
      assertEquals(2, firstOutputStep(simulator, plain), name + " without synapses");
      assertEquals(5, firstOutputStep(simulator, filtered), name + " with three synapses");
    }
  }
}
