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

  private static final float OFFSET = 0.0123f;

  /**
   * Inputs {@code x} (with {@link #OFFSET}) whose {@code js} fall everywhere in the table, near its
   * edges, its intervals' edges and the formulas' switch at 30, and below it.
   */
  private static float[] inputs(NeuronParams params, long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double js =
          switch (random.nextInt(6)) {
            case 0 -> random.nextDouble(-20.5, 30.5); // the smooth region
            case 1 -> random.nextDouble(-20.001, -19.9); // where the formulas decide most
            case 2 -> Math.scalb(1.0 + random.nextInt(128) / 128.0, random.nextInt(13)) - 21;
            case 3 -> 30 + random.nextDouble(-1e-3, 1e-3);
            case 4 -> Math.exp(random.nextDouble(Math.log(30), Math.log(9000)));
            default -> random.nextDouble(-25, 8200);
          };
      double u = (js * params.sigma() + 1 - params.bias()) / params.gain();
      x[i] = Math.nextAfter((float) u - OFFSET, random.nextBoolean() ? 1 : -1);
    }
    return x;
  }

  @Test
  void everyAnswerHasTheFormulasBits() {
    float[] exact = new float[1];
    float[] exactSlope = new float[1];
    for (NeuronParams params : NEURONS) {
      SoftLifRate formulas = new SoftLifRate(params);
      SoftLifTable table = SoftLifTable.of(params);
      int answered = 0;
      for (float x : inputs(params, 11, 250_000)) {
        double js = formulas.js(x, OFFSET);
        long both = table.outputAndDerivative(js);
        float out = table.output(js);
        exact[0] = x;
        formulas.exactOutputAndDerivative(exact, OFFSET, exactSlope, 1);
        if (both != SoftLifTable.UNCERTAIN) {
          answered++;
          assertEquals(bits(exact[0]), bits(SoftLifTable.output(both)), params + " js=" + js);
          assertEquals(bits(exactSlope[0]), bits(SoftLifTable.derivative(both)), "js=" + js);
        }
        if (!Float.isNaN(out)) {
          assertEquals(bits(exact[0]), bits(out), params + " js=" + js);
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

  @Test
  void kernelsGiveTheFormulasBits() {
    for (NeuronParams params : NEURONS) {
      SoftLifRate neurons = new SoftLifRate(params);
      float[] inputs = inputs(params, 3, 20_000);
      float[] table = inputs.clone();
      float[] tableSlopes = new float[inputs.length];
      neurons.outputAndDerivative(table, OFFSET, tableSlopes, inputs.length);
      float[] exact = inputs.clone();
      float[] exactSlopes = new float[inputs.length];
      neurons.exactOutputAndDerivative(exact, OFFSET, exactSlopes, inputs.length);
      float[] inferred = inputs.clone();
      neurons.output(inferred, OFFSET, inputs.length);
      float[] exactInferred = inputs.clone();
      neurons.exactOutput(exactInferred, OFFSET, inputs.length);
      for (int i = 0; i < inputs.length; i++) {
        assertEquals(bits(exact[i]), bits(table[i]), params + " x=" + inputs[i]);
        assertEquals(bits(exactSlopes[i]), bits(tableSlopes[i]), params + " x=" + inputs[i]);
        assertEquals(bits(exactInferred[i]), bits(inferred[i]), params + " x=" + inputs[i]);
        assertEquals(bits(exact[i]), bits(exactInferred[i]), params + " x=" + inputs[i]);
      }
    }
  }

  private static int bits(float value) {
    return Float.floatToRawIntBits(value);
  }
}
