package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import snnspark.worker.sim.SimulationConfig;

class LifNeuronsTest {
  private static final NeuronParams SEED = NeuronParams.TUTORIAL;
  private static final double DT = SimulationConfig.DT;

  /** Spike times (step indices) of one neuron from zero voltage under constant input u. */
  private static List<Integer> spikeSteps(double u, double seconds) {
    LifNeurons neuron = new LifNeurons(SEED, 1, 1, DT);
    neuron.reset(InitialVoltage.ZERO, 0, 0, new long[] {0});
    float[] in = {(float) u};
    float[] out = new float[1];
    List<Integer> steps = new ArrayList<>();
    for (int t = 0; t < Math.round(seconds / DT); t++) {
      if (neuron.step(in, out) == 1) {
        assertEquals(SEED.amplitude() / DT, out[0], 1e-4);
        steps.add(t);
      } else {
        assertEquals(0f, out[0]);
      }
    }
    return steps;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 1, 2})
  void averageOutputOverTwoSecondsMatchesLifRate(double u) {
    int spikes = spikeSteps(u, 2).size();
    double averageOutput = spikes * SEED.amplitude() / 2.0; // each spike: (amplitude/dt) * dt
    double expected = new LifRate(SEED).output(u);
    assertEquals(expected, averageOutput, 0.01 * expected, "u = " + u + ", " + spikes + " spikes");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1, -0.1, 0})
  void subThresholdInputNeverSpikes(double u) {
    assertEquals(List.of(), spikeSteps(u, 2));
  }

  @Test
  void neverSpikesTwiceWithinTheRefractoryPeriod() {
    List<Integer> steps = spikeSteps(50, 1);
    assertTrue(steps.size() > 300, "strong input should fire fast: " + steps.size());
    for (int i = 1; i < steps.size(); i++) {
      double gap = (steps.get(i) - steps.get(i - 1)) * DT;
      assertTrue(gap >= SEED.tauRef() - 1e-12, "spikes " + gap + " s apart");
    }
  }

  @Test
  void uniformInitialVoltagesAreSeededPerImage() {
    int perImage = 1000;
    LifNeurons a = new LifNeurons(SEED, perImage, 2, DT);
    a.reset(InitialVoltage.UNIFORM, 7, 1, new long[] {40, 41});
    LifNeurons b = new LifNeurons(SEED, perImage, 1, DT);
    b.reset(InitialVoltage.UNIFORM, 7, 1, new long[] {41});
    double sum = 0;
    for (int i = 0; i < perImage; i++) {
      // image 41 starts the same alone or second in a batch
      assertEquals(a.voltage(perImage + i), b.voltage(i));
      assertTrue(a.voltage(i) >= 0 && a.voltage(i) < 1);
      sum += a.voltage(i);
    }
    assertEquals(0.5, sum / perImage, 0.05);
    assertNotEquals(a.voltage(0), a.voltage(perImage), "images should differ");
  }
}
