package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/**
 * An image is simulated the same whatever batch it is in and wherever in it: its initial voltages
 * come from its own values, and the per-image counts add up to the batch's.
 */
class ImageBatchTest {
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final int SIZE = ARCH.rows() * ARCH.cols();

  private static float[] randomImages(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] pixels = new float[count * SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(4) == 0 ? (float) random.nextDouble() : 0f;
    }
    return pixels;
  }

  private static ImageBatch batch(float[] pixels) {
    return new ImageBatch(pixels.length / SIZE, 1, ARCH.rows(), ARCH.cols(), pixels);
  }

  private static INDArray untrainedWeights() {
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 7));
    net.init();
    // Larger than the initial weights so that every layer spikes within a few steps.
    return net.params().mul(8);
  }

  @Test
  void keysDependOnTheImageOnly() {
    float[] three = randomImages(3, 1);
    ImageBatch batch = batch(three);
    ImageBatch alone = batch(Arrays.copyOfRange(three, 2 * SIZE, 3 * SIZE));
    assertEquals(batch.key(2), alone.key(0));
    assertNotEquals(batch.key(0), batch.key(1));
  }

  @Test
  void anImageRunsTheSameAloneAndInABatch() {
    INDArray params = untrainedWeights();
    float[] four = randomImages(4, 2);
    ImageBatch batch = batch(four);
    ImageBatch last = batch(Arrays.copyOfRange(four, 3 * SIZE, 4 * SIZE));
    SimulationConfig config = SimulationConfig.tutorial(10);
    for (SpikingSimulator simulator :
        new SpikingSimulator[] {
          new SpikingNetwork(ARCH, params), new EventDrivenNetwork(ARCH, params)
        }) {
      SpikingResult together = simulator.run(batch, config);
      SpikingResult alone = simulator.run(last, config);
      String name = simulator.getClass().getSimpleName();
      for (int t = 0; t < config.steps(); t++) {
        for (int c = 0; c < ARCH.classes(); c++) {
          assertEquals(alone.filtered(0, t, c), together.filtered(3, t, c), 1e-5, name);
        }
      }
      long[] perLayer = new long[3];
      for (int image = 0; image < batch.count(); image++) {
        for (int l = 0; l < 3; l++) {
          perLayer[l] += together.counts().imageSpikes(image, l);
        }
      }
      assertArrayEquals(together.counts().spikes(), perLayer, name + ": per-image spikes add up");
      assertTrue(together.counts().imageSynapticEvents(3) > 0, name + ": the image made no spikes");
      assertEquals(
          alone.counts().imageSynapticEvents(0), together.counts().imageSynapticEvents(3), name);
    }
  }
}
