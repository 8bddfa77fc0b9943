package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    return ImageBatch.of(Dataset.labelled("white", 1, 12, 12, pixels, new byte[] {0}));
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
    SimulationConfig plain =
        SimulationConfig.tutorial(STEPS).withInitialVoltage(InitialVoltage.ZERO);
    for (SimulatorKind kind : SimulatorKind.values()) {
      SpikingSimulator net = kind.create(DEEP, saturatingWeights());
      assertEquals(2, firstOutputStep(net.run(whiteImage(), plain)), kind.name());
      assertEquals(
          6, firstOutputStep(net.run(whiteImage(), plain.withSynapse(0.005))), kind.name());
    }
  }

  @Test
  void everyNeuronSpikesOnceInTheFirstStepAndItsEventsAreItsFanOut() {
    SimulationConfig oneStep = SimulationConfig.tutorial(1).withInitialVoltage(InitialVoltage.ZERO);
    int[] neurons = DEEP.neuronsPerImage();
    assertArrayEquals(new int[] {3 * 10 * 10, 4 * 5 * 5, 6, 5}, neurons);
    for (SimulatorKind kind : SimulatorKind.values()) {
      SpikingResult result = kind.create(DEEP, saturatingWeights()).run(whiteImage(), oneStep);
      long events = 0;
      for (int l = 0; l < neurons.length; l++) {
        assertEquals(neurons[l], result.counts().imageSpikes(0, l), kind + " layer " + l);
        events += Arrays.stream(DEEP.fanOut(l)).asLongStream().sum();
      }
      assertEquals(events, result.counts().synapticEventsByStep()[0], kind.name());
    }
  }

  /** Trained-like weights: DL4J's initialisation (seed 3), biases lifted so neurons fire. */
  private static INDArray initialWeights() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(Dl4jNetworks.withNeurons(DEEP, new ActivationIdentity(), 3));
    net.init();
    for (int layer = 0; layer < net.getnLayers(); layer++) {
      if (net.getLayer(layer).numParams() > 0) {
        net.getParam(layer + "_b").assign(0.5);
      }
    }
    return net.params();
  }

  private static ImageBatch images(int count) {
    byte[] pixels = new byte[count * 12 * 12];
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    return ImageBatch.of(Dataset.labelled("noise", count, 12, 12, pixels, new byte[count]));
  }

  @Test
  void bothSimulatorsRunAnyStackAlike() {
    INDArray params = initialWeights();
    ImageBatch batch = images(20);
    for (SimulationConfig config :
        new SimulationConfig[] {
          SimulationConfig.tutorial(30), SimulationConfig.tutorial(30).withSynapse(0.005)
        }) {
      SpikingResult dense = new SpikingNetwork(DEEP, params).run(batch, config);
      SpikingResult events = new EventDrivenNetwork(DEEP, params).run(batch, config);
      long spikesDense = 0;
      long spikesEvents = 0;
      int agree = 0;
      for (int i = 0; i < 20; i++) {
        for (int l = 0; l < 4; l++) {
          spikesDense += dense.counts().imageSpikes(i, l);
          spikesEvents += events.counts().imageSpikes(i, l);
        }
        agree += dense.finalPrediction(i) == events.finalPrediction(i) ? 1 : 0;
      }
      assertTrue(spikesDense > 1000, "the network spikes: " + spikesDense);
      // Only the order of float additions differs, which can flip a rare spike.
      assertEquals(spikesDense, spikesEvents, spikesDense * 0.002);
      assertTrue(agree >= 19, agree + " of 20 predictions agree");
    }
  }
}
