package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftLifTable} answers with the bits of {@link SoftLifRate}'s formulas or not at all, and
 * answers most values, for the tutorial's neurons and for the rates and refractory periods a user
 * may choose.
 */
class SoftLifTableTest {
  private static final List<NeuronParams> NEURONS =
      List.of(
          NeuronParams.TUTORIAL,
          new NeuronParams(0.02, 0.002, 1.0 / 250, 0.002, 250, 0),
          new NeuronParams(0.02, 0.001, 1.0 / 600, 0.002, 600, 0),
          new NeuronParams(0.02, 0, 1.0 / 100, 0.002, 100, 0),
          new NeuronParams(0.05, 0.004, 1, 0.05, 20, 0.1));

  /** Inputs {@code js} of every kind: throughout the table, near its edges and the formulas'. */
  private static double[] inputs(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] js = new double[n];
    for (int i = 0; i < n; i++) {
      js[i] =
          switch (random.nextInt(6)) {
            case 0 -> random.nextDouble(-20.5, 30.5); // the smooth region
            case 1 -> random.nextDouble(-20.001, -19.9); // where the formulas decide most
            case 2 ->
                Math.scalb(1.0 + random.nextInt(64) / 64.0, random.nextInt(13))
                    - 21
                    + random.nextDouble(-1e-9, 1e-9); // interval edges
            case 3 -> 30 + random.nextDouble(-1e-6, 1e-6);
            case 4 -> Math.exp(random.nextDouble(Math.log(30), Math.log(9000)));
            default -> random.nextDouble(-25, 8200);
          };
    }
    return js;
  }

  @Test
  void everyAnswerHasTheFormulasBits() {
    for (NeuronParams params : NEURONS) {
      SoftLifRate formulas = new SoftLifRate(params);
      SoftLifTable table = SoftLifTable.of(params);
      int answered = 0;
      for (double js : inputs(11, 250_000)) {
        long both = table.outputAndDerivative(js);
        if (both != SoftLifTable.UNCERTAIN) {
          answered++;
          assertEquals(formulas.exactOutputAndDerivative(js), both, params + " js=" + js);
        }
        float out = table.output(js);
        if (!Float.isNaN(out)) {
          assertEquals(bits(formulas.exactOutput(js)), bits(out), params + " js=" + js);
        }
      }
      assertTrue(answered > 100_000, params + ": answered " + answered);
    }
  }

  @Test
  void answersAllButAFewValuesAwayFromTheStartOfTheSmoothRegion() {
    for (NeuronParams params : NEURONS) {
      SoftLifTable table = SoftLifTable.of(params);
      SplittableRandom random = new SplittableRandom(5);
      int uncertain = 0;
      int n = 200_000;
      for (int i = 0; i < n; i++) {
        double js = random.nextBoolean() ? random.nextDouble(-15, 30) : random.nextDouble(30, 8000);
        if (table.outputAndDerivative(js) == SoftLifTable.UNCERTAIN) {
          uncertain++;
        }
      }
      assertTrue(uncertain < n / 100, params + ": " + uncertain + " of " + n + " uncertain");
    }
  }

  @Test
  void leavesValuesOutsideItsRangeToTheFormulas() {
    SoftLifTable table = SoftLifTable.of(NeuronParams.TUTORIAL);
    for (double js : new double[] {-20, -21, -1e9, 8171, 1e9, Double.NaN, 1.0 / 0}) {
      assertEquals(SoftLifTable.UNCERTAIN, table.outputAndDerivative(js), "js=" + js);
      assertTrue(Float.isNaN(table.output(js)), "js=" + js);
    }
  }

  private static int bits(float value) {
    return Float.floatToRawIntBits(value);
  }
}
