package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast routes give the bits of the {@code StrictMath} routes they replace: on random inputs
 * over the ranges a LIF step meets and beyond, and on inputs built to land next to a float rounding
 * boundary, where a route without the rounding test would be wrong about half the time.
 */
class RoundedToFloatTest {
  private static final double DT = 0.001;
  private static final double TAU_REF = 0.002;
  private static final double TAU_RC = 0.02;

  private static float refractoryExact(double tauRef, double dt, double tauRc, double y) {
    return (float) (tauRef + (dt + tauRc * StrictMath.log1p(y)));
  }

  private static float voltageExact(double v, double current, double x) {
    return (float) Math.max(v - (current - v) * StrictMath.expm1(x), 0);
  }

  @Test
  void refractoryTimesHaveStrictMathsBits() {
    SplittableRandom random = new SplittableRandom(1);
    for (int n = 0; n < 2_000_000; n++) {
      // y = -(v - 1) / (J - 1): near 0 (barely crossed), near -1 (crossed from far), and between.
      double y = -Math.pow(random.nextDouble(), 1 + 20 * random.nextDouble());
      double tauRc = n % 2 == 0 ? TAU_RC : 0.001 + random.nextDouble() * 0.1;
      double tauRef = n % 3 == 0 ? TAU_REF : random.nextDouble() * 0.01;
      assertEquals(
          refractoryExact(tauRef, DT, tauRc, y),
          RoundedToFloat.refractoryAfterSpike(tauRef, DT, tauRc, y),
          () -> "y " + y);
    }
  }

  @Test
  void refractoryTimesNextToARoundingBoundaryHaveStrictMathsBits() {
    int checked = 0;
    for (float f = 0.0021f; f < 0.0029f; f = Math.nextUp(f) + 1e-7f) {
      double midpoint = ((double) f + Math.nextUp(f)) / 2;
      double y = Math.expm1((midpoint - TAU_REF - DT) / TAU_RC);
      for (double near = y, k = 0; k < 8; k++, near = Math.nextUp(near)) {
        assertEquals(
            refractoryExact(TAU_REF, DT, TAU_RC, near),
            RoundedToFloat.refractoryAfterSpike(TAU_REF, DT, TAU_RC, near));
        checked++;
      }
    }
    assertTrue(checked > 10_000, checked + " inputs");
  }

  @Test
  void partialStepVoltagesHaveStrictMathsBitsOrAskForTheFullRouteRarely() {
    SplittableRandom random = new SplittableRandom(2);
    int quiet = 0;
    int fullRoutes = 0;
    for (int n = 0; n < 2_000_000; n++) {
      double v = n % 2 == 0 ? 0 : random.nextDouble();
      double current = -2 + 40 * random.nextDouble();
      double x = -random.nextDouble() * (n % 3 == 0 ? 0.05 : 2);
      float fast = RoundedToFloat.voltageAfterPartialDecay(v, current, x);
      double full = v - (current - v) * StrictMath.expm1(x);
      if (Float.isNaN(fast)) {
        fullRoutes += full < 0.999 ? 1 : 0;
      } else {
        quiet++;
        assertEquals(voltageExact(v, current, x), fast, () -> v + " " + current + " " + x);
      }
    }
    assertTrue(quiet > 500_000, quiet + " quiet");
    // Below threshold, only next to a rounding boundary (these inputs' bounds are wide: J to 38).
    assertTrue(fullRoutes < 200, fullRoutes + " full routes below threshold");
  }

  @Test
  void partialStepVoltagesNextToARoundingBoundaryHaveStrictMathsBits() {
    double current = 3.7;
    int checked = 0;
    for (float f = 0.001f; f < 0.15f; f = Math.nextUp(f) * 1.0001f) {
      double midpoint = ((double) f + Math.nextUp(f)) / 2;
      double x = Math.log1p(-midpoint / current);
      for (double near = x, k = 0; k < 8; k++, near = Math.nextDown(near)) {
        float fast = RoundedToFloat.voltageAfterPartialDecay(0, current, near);
        float exact = voltageExact(0, current, near);
        assertTrue(Float.isNaN(fast) || fast == exact, fast + " vs " + exact);
        checked++;
      }
    }
    assertTrue(checked > 10_000, checked + " inputs");
  }
}
