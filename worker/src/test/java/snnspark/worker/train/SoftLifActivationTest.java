package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.neuron.LifRate;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.SoftLifRate;

class SoftLifActivationTest {
  private static final NeuronParams SEED = NeuronParams.TUTORIAL;
  private final SoftLifActivation activation = new SoftLifActivation(SEED);

  @Test
  void seedGainAndBias() {
    assertEquals(2.03324, SEED.gain(), 1e-5);
    assertEquals(1.0, SEED.bias(), 0);
  }

  @Test
  void matchesLifRateAboveThreshold() {
    LifRate lif = new LifRate(SEED);
    SoftLifRate soft = new SoftLifRate(SEED);
    for (double j = 0.05; j < 100; j *= 1.1) {
      double u = j / SEED.gain(); // J - 1 = gain * u since bias = 1
      double expected = lif.output(u);
      assertEquals(expected, soft.output(u), 1e-3 * expected, "j = " + j);
    }
  }

  /**
   * Below threshold LIF is silent, but the tutorial's SoftLIF keeps a slowly vanishing tail there
   * (its {@code q = -js - log(sigma)} branch): about 1.6 Hz at j = -0.05, falling with j. It is
   * small against the 100 Hz max rate and decreases monotonically towards 0.
   */
  @Test
  void belowThresholdTailIsSmallAndFalls() {
    SoftLifRate soft = new SoftLifRate(SEED);
    double previous = Double.MAX_VALUE;
    for (double j = -0.05; j > -100; j *= 1.1) {
      double out = soft.output(j / SEED.gain());
      assertTrue(out < 0.02 * SEED.amplitude() * SEED.maxRate(), "j = " + j + ": " + out);
      assertTrue(out < previous, "not falling at j = " + j);
      previous = out;
    }
  }

  @Test
  void approachesLifRateAsSigmaShrinks() {
    LifRate lif = new LifRate(SEED);
    for (double j : new double[] {-0.05, -0.01, 0.01, 0.05}) {
      double u = j / SEED.gain();
      double previousGap = Double.MAX_VALUE;
      for (double sigma = 2e-3; sigma >= 2e-6; sigma /= 10) {
        NeuronParams p =
            new NeuronParams(SEED.tauRc(), SEED.tauRef(), SEED.amplitude(), sigma, 100, 0);
        double gap = Math.abs(new SoftLifRate(p).output(u) - lif.output(u));
        assertTrue(gap <= previousGap + 1e-12, "j = " + j + ", sigma = " + sigma);
        previousGap = gap;
      }
      assertTrue(previousGap < 1e-3, "j = " + j + ": still " + previousGap + " apart");
    }
  }

  @Test
  void unitInputGivesMaxRateTimesAmplitude() {
    INDArray f32 = activation.getActivation(Nd4j.createFromArray(1f), false);
    INDArray f64 = activation.getActivation(Nd4j.createFromArray(1.0), false);
    assertEquals(1.0f, f32.getFloat(0), 0f);
    assertEquals(1.0, f64.getDouble(0), 1e-12);
  }

  @Test
  void gradientEqualsCentralDifferencesInFloat64() {
    double[] inputs =
        DoubleStream.concat(
                DoubleStream.iterate(-10, u -> u <= 10, u -> u + 0.01),
                DoubleStream.iterate(-0.05, u -> u <= 0.05, u -> u + 1e-4))
            .toArray();
    INDArray in = Nd4j.createFromArray(inputs);
    INDArray grad = activation.backprop(in.dup(), Nd4j.onesLike(in)).getFirst();
    double h = 1e-7;
    INDArray plus = activation.getActivation(in.add(h), false);
    INDArray minus = activation.getActivation(in.sub(h), false);
    double worst = 0;
    for (int i = 0; i < inputs.length; i++) {
      double numeric = (plus.getDouble(i) - minus.getDouble(i)) / (2 * h);
      double analytic = grad.getDouble(i);
      double relative = Math.abs(analytic - numeric) / Math.max(Math.abs(numeric), 1e-300);
      worst = Math.max(worst, relative);
      assertTrue(relative < 1e-5, "u = " + inputs[i] + ": " + analytic + " vs " + numeric);
    }
    assertTrue(worst > 0, "gradient compared against itself?");
  }

  @Test
  void float32StaysFiniteFromMinusToPlusTenThousand() {
    INDArray in = Nd4j.linspace(-1e4, 1e4, 200_001, DataType.FLOAT);
    INDArray out = activation.getActivation(in.dup(), false);
    INDArray grad = activation.backprop(in.dup(), Nd4j.onesLike(in)).getFirst();
    for (INDArray a : new INDArray[] {out, grad}) {
      assertEquals(0, a.isNaN().castTo(DataType.INT).sumNumber().intValue());
      assertEquals(0, a.isInfinite().castTo(DataType.INT).sumNumber().intValue());
    }
    // the largest input still follows LIF (an overflow would pin it at amplitude / tau_ref)
    assertEquals(new LifRate(SEED).output(1e4), out.getDouble(200_000), 1e-5);
    assertTrue(grad.getDouble(100_000 + 5) > 0, "gradient just above threshold");
  }

  @Test
  void gradientOfFloat32MatchesFloat64() {
    double[] inputs = DoubleStream.iterate(-2, u -> u <= 2, u -> u + 0.001).toArray();
    INDArray g64 =
        activation.backprop(Nd4j.createFromArray(inputs), Nd4j.ones(inputs.length)).getFirst();
    INDArray in32 = Nd4j.createFromArray(inputs).castTo(DataType.FLOAT);
    INDArray g32 = activation.backprop(in32, Nd4j.onesLike(in32)).getFirst();
    for (int i = 0; i < inputs.length; i++) {
      assertEquals(g64.getDouble(i), g32.getDouble(i), 1e-5 * Math.abs(g64.getDouble(i)) + 1e-6);
    }
  }
}
