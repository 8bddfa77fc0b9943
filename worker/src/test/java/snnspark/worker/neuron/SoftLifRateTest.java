package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bulk kernels of {@link SoftLifRate}, which reuse a result for a run of equal inputs. */
class SoftLifRateTest {
  private static final SoftLifRate NEURONS = new SoftLifRate(NeuronParams.TUTORIAL);
  private static final float OFFSET = 0.0123f;

  /**
   * Inputs as a convolution gives them: runs of one background value (both zeros among them),
   * values in every region of the rate curve, repeats after other values.
   */
  private static float[] inputsWithRuns() {
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[5000];
    for (int i = 0; i < x.length; ) {
      float value =
          switch (random.nextInt(5)) {
            case 0 -> 0.0f;
            case 1 -> -0.0f;
            case 2 -> (float) random.nextDouble(-0.05, 0.05);
            case 3 -> (float) random.nextDouble(-5, 5);
            default -> -OFFSET;
          };
      int run = 1 + random.nextInt(12);
      for (int k = 0; k < run && i < x.length; k++, i++) {
        x[i] = value;
      }
    }
    return x;
  }

  @Test
  void runsOfEqualInputsGiveTheBitsOfComputingEachInputAlone() {
    float[] inputs = inputsWithRuns();
    float[] outputs = inputs.clone();
    float[] derivatives = new float[inputs.length];
    NEURONS.outputAndDerivative(outputs, OFFSET, derivatives, inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      float[] one = {inputs[i]};
      float[] slope = new float[1];
      NEURONS.outputAndDerivative(one, OFFSET, slope, 1);
      assertEquals(Float.floatToRawIntBits(one[0]), Float.floatToRawIntBits(outputs[i]), "i=" + i);
      assertEquals(Float.floatToRawIntBits(slope[0]), Float.floatToRawIntBits(derivatives[i]));
    }
  }

  @Test
  void outputAloneEqualsTheTrainingKernelsOutput() {
    float[] inputs = inputsWithRuns();
    float[] trained = inputs.clone();
    NEURONS.outputAndDerivative(trained, OFFSET, new float[inputs.length], inputs.length);
    float[] inferred = inputs.clone();
    NEURONS.output(inferred, OFFSET, inputs.length);
    assertArrayEquals(trained, inferred);
  }

  @Test
  void bulkKernelsAgreeWithTheDoublePrecisionRate() {
    float[] inputs = inputsWithRuns();
    float[] outputs = inputs.clone();
    float[] derivatives = new float[inputs.length];
    NEURONS.outputAndDerivative(outputs, OFFSET, derivatives, inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      double u = inputs[i] + OFFSET;
      double out = NEURONS.output(u);
      double slope = NEURONS.derivative(u);
      assertEquals(out, outputs[i], 1e-6 * Math.max(out, 1e-3), "u=" + u);
      assertEquals(slope, derivatives[i], 1e-6 * Math.max(slope, 1e-3), "u=" + u);
    }
  }
}
