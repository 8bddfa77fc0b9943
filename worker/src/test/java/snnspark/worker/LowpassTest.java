package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LowpassTest {
  @Test
  void stepResponseIsOneMinusExponential() {
    double tau = SimulationConfig.OUTPUT_SYNAPSE_TAU;
    double dt = SimulationConfig.DT;
    Lowpass filter = new Lowpass(tau, dt, 1);
    float[] one = {1f};
    for (int k = 1; k <= 1000; k++) {
      filter.step(one);
      assertEquals(1 - Math.exp(-k * dt / tau), filter.output(0), 1e-6, "step " + k);
    }
  }
}
