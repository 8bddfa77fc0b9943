package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

/**
 * The dense reference simulator runs any description, not only the tutorial's form: four neuron
 * layers behind a strided, same-padded convolution and two dense layers, with Nengo's timing and
 * the synaptic events that the architecture's fan-outs count.
 */
class AnyNetworkSimulationTest {
  private static final SnnArchitecture DEEP =
      SnnArchitecture.of(
          new NetworkDescription(
              List.<LayerSpec>of(
                  new Conv(3, 3),
                  new Conv(4, 3, 2, LayerSpec.Padding.SAME),
                  new AvgPool(2),
                  new Dense(6),
                  new LayerSpec.Dropout(0.3),
                  new Dense(5))),
          new InputShape(12, 12, 1),
          3,
          NeuronParams.TUTORIAL);
  private static final int STEPS = 8;

  /** 10 on every weight, 0 on every bias: every neuron with any input spikes at once. */
  private static INDArray saturatingWeights() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(Dl4jNetworks.withNeurons(DEEP, new ActivationIdentity(), 0));
    net.init();
    net.params().assign(10);
    for (int layer = 0; layer < net.getnLayers(); layer++) {
      if (net.getLayer(layer).numParams() > 0) {
        net.getParam(layer + "_b").assign(0);
      }
    }
    return net.params();
  }

  private static ImageBatch whiteImage() {
    byte[] pixels = new byte[12 * 12];
    Arrays.fill(pixels, (byte) 255);
    return ImageBatch.of(new Dataset("white", 1, 12, 12, pixels, new byte[] {0}));
  }

  private static int firstOutputStep(SpikingResult result) {
    for (int t = 0; t < STEPS; t++) {
      for (int c = 0; c < DEEP.classes(); c++) {
        if (result.filtered(0, t, c) != 0f) {
          return t + 1;
        }
      }
    }
    return -1;
  }

  @Test
  void eachOfTheFourSynapsesDelaysTheOutputByOneStep() {
    SpikingNetwork net = new SpikingNetwork(DEEP, saturatingWeights());
    SimulationConfig plain =
        SimulationConfig.tutorial(STEPS).withInitialVoltage(InitialVoltage.ZERO);
    assertEquals(2, firstOutputStep(net.run(whiteImage(), plain)));
    assertEquals(6, firstOutputStep(net.run(whiteImage(), plain.withSynapse(0.005))));
  }

  @Test
  void everyNeuronSpikesOnceInTheFirstStepAndItsEventsAreItsFanOut() {
    SpikingNetwork net = new SpikingNetwork(DEEP, saturatingWeights());
    SimulationConfig oneStep = SimulationConfig.tutorial(1).withInitialVoltage(InitialVoltage.ZERO);
    SpikingResult result = net.run(whiteImage(), oneStep);
    int[] neurons = DEEP.neuronsPerImage();
    assertArrayEquals(new int[] {3 * 10 * 10, 4 * 5 * 5, 6, 5}, neurons);
    long events = 0;
    for (int l = 0; l < neurons.length; l++) {
      assertEquals(neurons[l], result.imageSpikes(0, l), "layer " + l);
      events += Arrays.stream(DEEP.fanOut(l)).asLongStream().sum();
    }
    assertEquals(events, result.synapticEventsByStep()[0]);
  }

  @Test
  void theEventDrivenSimulatorRefusesOtherFormsInOneLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimulatorKind.EVENT_DRIVEN.create(DEEP, saturatingWeights()));
    assertTrue(
        e.getMessage().startsWith("the event-driven simulator takes networks of the tutorial's"),
        e.getMessage());
    assertEquals(SimulatorKind.DENSE, SimulatorKind.fastestFor(DEEP));
    assertEquals(SimulatorKind.EVENT_DRIVEN, SimulatorKind.fastestFor(SnnArchitecture.TUTORIAL));
  }
}
