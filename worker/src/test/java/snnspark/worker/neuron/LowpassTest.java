package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import snnspark.worker.sim.SimulationConfig;

class LowpassTest {
  private static final double TAU = SimulationConfig.OUTPUT_SYNAPSE_TAU;
  private static final double DT = SimulationConfig.DT;

  @Test
  void readsTheStateBeforeEachStepsInputAsNengoDoes() {
    double a = Math.exp(-DT / TAU);
    Lowpass filter = new Lowpass(TAU, DT, 1);
    float[] one = {1f};
    // Hand-computed: a constant 1 reads 0 at step 1, then 1 - a, 1 - a^2.
    double[] expected = {0, 1 - a, 1 - a * a, 1 - a * a * a};
    for (int step = 1; step <= expected.length; step++) {
      assertEquals(expected[step - 1], filter.output(0), 1e-12, "step " + step);
      filter.step(one);
    }
  }

  @Test
  void stepResponseIsOneMinusExponentialOfThePreviousStep() {
    Lowpass filter = new Lowpass(TAU, DT, 1);
    float[] one = {1f};
    for (int step = 1; step <= 1000; step++) {
      assertEquals(1 - Math.exp(-(step - 1) * DT / TAU), filter.output(0), 1e-6, "step " + step);
      filter.step(one);
    }
  }
}
