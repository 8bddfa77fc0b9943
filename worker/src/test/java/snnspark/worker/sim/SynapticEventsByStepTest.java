package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import snnspark.datasets.Dataset;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/**
 * The synaptic events counted per step (what the energy estimate grows with) add up to the events
 * counted per layer, and both simulators count the same ones at every step.
 */
class SynapticEventsByStepTest {
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final int STEPS = 12;
  private static final int IMAGES = 6;

  private static Dataset images() {
    Random random = new Random(5);
    byte[] pixels = new byte[IMAGES * ARCH.rows() * ARCH.cols()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : 0;
    }
    return Dataset.labelled("noise", IMAGES, ARCH.rows(), ARCH.cols(), pixels, new byte[IMAGES]);
  }

  @Test
  void eventsByStepAddUpAndAgreeBetweenSimulators() {
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 11));
    net.init();
    SimulationConfig config = SimulationConfig.tutorial(STEPS);
    ImageBatch batch = ImageBatch.of(images());
    SpikingResult dense = new SpikingNetwork(ARCH, net.params()).run(batch, config);
    SpikingResult events = new EventDrivenNetwork(ARCH, net.params()).run(batch, config);

    assertArrayEquals(
        dense.counts().synapticEventsByStep(), events.counts().synapticEventsByStep());
    long total = Arrays.stream(dense.counts().synapticEvents()).sum();
    assertTrue(total > 0, "no spikes at all: the test would prove nothing");
    assertEquals(total, Arrays.stream(dense.counts().synapticEventsByStep()).sum());

    EvaluationStats stats =
        EvaluationStats.empty(STEPS, ARCH.classes(), ARCH.neuronsPerImage())
            .add(events, new int[IMAGES], 1);
    double[] cumulative = stats.cumulativeSynapticEventsPerImage();
    assertEquals((double) total / IMAGES, cumulative[STEPS - 1], 1e-9);
    for (int t = 1; t < STEPS; t++) {
      assertTrue(cumulative[t] >= cumulative[t - 1], "events per image never decrease");
    }
  }
}
