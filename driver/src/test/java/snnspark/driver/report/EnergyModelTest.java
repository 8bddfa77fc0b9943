package snnspark.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import snnspark.worker.SnnArchitecture;

/** The energy estimate follows its stated formula and Horowitz's 45 nm figures. */
class EnergyModelTest {
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final EnergyModel COSTS = EnergyModel.HOROWITZ_45NM;

  @Test
  void horowitzFiguresPerOperation() {
    assertEquals(0.9e-12, COSTS.synapticEventJoules(), 1e-18);
    assertEquals(5.5e-12, COSTS.neuronUpdateJoules(), 1e-18);
    assertEquals(4.6e-12, COSTS.macJoules(), 1e-18);
  }

  @Test
  void rateNetworkIsItsMultiplyAccumulates() {
    assertEquals(ARCH.macsPerImage() * 4.6e-12, COSTS.rateJoules(ARCH), 1e-15);
  }

  @Test
  void spikingEnergyIsInputEventsAndNeuronUpdates() {
    double[] events = {1000, 2500, 4000};
    double[] joules = COSTS.spikingJoulesByStep(ARCH, events);
    long neurons = 0;
    for (int n : ARCH.neuronsPerImage()) {
      neurons += n;
    }
    double input = ARCH.firstLayerMacsPerImage() * 4.6e-12;
    for (int t = 0; t < events.length; t++) {
      double expected = input + events[t] * 0.9e-12 + (t + 1) * neurons * 5.5e-12;
      assertEquals(expected, joules[t], 1e-18, "step " + (t + 1));
    }
  }

  @Test
  void refusesCostsThatAreNotPositiveAndFinite() {
    assertThrows(IllegalArgumentException.class, () -> new EnergyModel(0, 1e-12, 1e-12));
    assertThrows(IllegalArgumentException.class, () -> new EnergyModel(1e-12, Double.NaN, 1e-12));
    assertThrows(
        IllegalArgumentException.class,
        () -> new EnergyModel(1e-12, 1e-12, Double.POSITIVE_INFINITY));
  }
}
