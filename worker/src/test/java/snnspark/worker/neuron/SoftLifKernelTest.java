package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SoftLifKernel}, which computes in passes and once for a run of equal inputs. */
class SoftLifKernelTest {
  private static final NeuronParams PARAMS = NeuronParams.TUTORIAL;
  private static final SoftLifRate RATE = new SoftLifRate(PARAMS);
  private static final SoftLifKernel NEURONS = new SoftLifKernel(PARAMS);
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
      double out = RATE.output(u);
      double slope = RATE.derivative(u);
      assertEquals(out, outputs[i], 1e-6 * Math.max(out, 1e-3), "u=" + u);
      assertEquals(slope, derivatives[i], 1e-6 * Math.max(slope, 1e-3), "u=" + u);
    }
  }

  /**
   * The bits of the one-loop formula the kernel replaced (the fused layers' neuron step until
   * 2026-12-06), input by input: a training run's parameters stay bit for bit what they were.
   */
  @Test
  void passesGiveTheBitsOfTheOneLoopFormula() {
    float[] inputs = inputsWithRuns();
    float[] outputs = inputs.clone();
    float[] derivatives = new float[inputs.length];
    NEURONS.outputAndDerivative(outputs, OFFSET, derivatives, inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      float[] expected = oneLoopFormula(inputs[i], OFFSET);
      assertEquals(Float.floatToRawIntBits(expected[0]), Float.floatToRawIntBits(outputs[i]));
      assertEquals(Float.floatToRawIntBits(expected[1]), Float.floatToRawIntBits(derivatives[i]));
    }
  }

  @Test
  void reusedWorkingArraysKeepNothingFromALongerCall() {
    SoftLifKernel kernel = new SoftLifKernel(PARAMS);
    float[] inputs = inputsWithRuns();
    kernel.output(inputs.clone(), OFFSET, inputs.length);
    float[] few = {0.5f, 0.5f, -1f};
    float[] fresh = few.clone();
    new SoftLifKernel(PARAMS).output(fresh, OFFSET, fresh.length);
    kernel.output(few, OFFSET, few.length);
    assertArrayEquals(fresh, few);
  }

  private static float[] oneLoopFormula(float x, float offset) {
    double gainOverSigma = PARAMS.gain() / PARAMS.sigma();
    double shift = (PARAMS.bias() - 1) / PARAMS.sigma();
    double scale = PARAMS.tauRc() / PARAMS.amplitude() * PARAMS.gain();
    double sigma = PARAMS.sigma();
    double js = (x + offset) * gainOverSigma + shift;
    double q;
    double dqdjsOverSigma;
    if (js > 30) {
      double z = js * sigma;
      q = Math.log((z + 1) / z);
      dqdjsOverSigma = 1 / (z * (z + 1));
    } else if (js > -20) {
      double e = Math.exp(js);
      double z = Math.log(1 + e) * sigma;
      q = Math.log((z + 1) / z);
      dqdjsOverSigma = e / ((1 + e) * z * (z + 1));
    } else {
      q = -js - Math.log(sigma);
      dqdjsOverSigma = 1 / sigma;
    }
    double rate = PARAMS.amplitude() / (PARAMS.tauRef() + PARAMS.tauRc() * q);
    return new float[] {(float) rate, (float) (rate * rate * scale * dqdjsOverSigma)};
  }
}
