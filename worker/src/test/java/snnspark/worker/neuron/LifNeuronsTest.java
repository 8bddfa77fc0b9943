package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

  /**
   * The array loops give the neuron-by-neuron rule's spikes, in the same order, and voltages to the
   * bit: over 5,000 neurons (chunks of 2,048 and a ragged end), 200 steps of inputs from silent to
   * far above threshold, so neurons spike, sit out whole and partial refractory steps, and land
   * close to the threshold; with the tutorial's refractory period of two steps, one and a half,
   * half a step (a neuron spikes again in the step after a spike) and none.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.002, 0.0015, 0.0005, 0})
  void arrayLoopsGiveTheNeuronByNeuronRuleToTheBit(double tauRef) {
    int n = 5000;
    NeuronParams params =
        new NeuronParams(SEED.tauRc(), tauRef, SEED.amplitude(), SEED.sigma(), SEED.maxRate(), 0);
    LifNeurons neurons = new LifNeurons(params, n, 1, DT);
    neurons.reset(InitialVoltage.UNIFORM, 3, 0, new long[] {9});
    float[] start = new float[n];
    for (int i = 0; i < n; i++) {
      start[i] = neurons.voltage(i);
    }
    NeuronByNeuronLif reference = new NeuronByNeuronLif(params, start, DT);
    SplittableRandom random = new SplittableRandom(5);
    float[] u = new float[n];
    float[] out = new float[n];
    int[] spiked = new int[n];
    int[] expected = new int[n];
    long total = 0;
    for (int t = 0; t < 200; t++) {
      for (int i = 0; i < n; i++) {
        u[i] = (float) (i % 7 == 0 ? 40 * random.nextDouble() : 3 * random.nextGaussian());
      }
      int count = neurons.step(u, out, spiked);
      int want = reference.step(u, expected);
      assertEquals(want, count, "spikes at step " + t);
      assertArrayEquals(Arrays.copyOf(expected, want), Arrays.copyOf(spiked, count));
      for (int i = 0; i < n; i++) {
        assertEquals(reference.voltage[i], neurons.voltage(i), "neuron " + i + ", step " + t);
        boolean spike = Arrays.binarySearch(expected, 0, want, i) >= 0;
        assertEquals(spike ? (float) params.spikeHeight(DT) : 0f, out[i]);
      }
      total += count;
    }
    assertTrue(total > 200 * n / 20, "too few spikes to test the refractory path: " + total);
  }

  /**
   * Under a constant input, stepping only the neurons that can spike, from the input held once,
   * gives every spike of the whole layer stepped input by input, in order, and their voltages to
   * the bit; inputs range from far below to far above threshold, some at exactly the threshold
   * current.
   */
  @ParameterizedTest
  @EnumSource(NeuronModel.class)
  void onlyNeuronsThatCanSpikeUnderConstantInputEverDo(NeuronModel model) {
    int n = 3000;
    float threshold = (float) ((1 - SEED.bias()) / SEED.gain());
    SplittableRandom random = new SplittableRandom(11);
    float[] u = new float[n];
    for (int i = 0; i < n; i++) {
      u[i] = i % 10 == 0 ? threshold : (float) (threshold + random.nextGaussian());
    }
    LifNeurons all = new LifNeurons(model, SEED, n, 1, DT);
    all.reset(InitialVoltage.UNIFORM, 4, 0, new long[] {77});
    int[] selected = new int[n];
    LifNeurons some = new LifNeurons(model, SEED, n, 1, DT);
    int count = some.spikingUnderConstantInput(u, selected);
    some.resetSelected(InitialVoltage.UNIFORM, 4, 0, 77, selected, count);
    assertTrue(count > n / 10 && count < n * 9 / 10, count + " of " + n + " can spike");
    float[] selectedU = new float[count];
    for (int k = 0; k < count; k++) {
      selectedU[k] = u[selected[k]];
      assertEquals(all.voltage(selected[k]), some.voltage(k));
    }
    some.holdInput(selectedU);
    int[] spikedAll = new int[n];
    int[] spikedSome = new int[n];
    long total = 0;
    for (int t = 0; t < 300; t++) {
      int spikes = all.step(u, null, spikedAll);
      assertEquals(spikes, some.stepHeld(spikedSome), "spikes at step " + t);
      for (int s = 0; s < spikes; s++) {
        assertEquals(spikedAll[s], selected[spikedSome[s]]);
      }
      for (int k = 0; k < count; k++) {
        assertEquals(all.voltage(selected[k]), some.voltage(k));
      }
      total += spikes;
    }
    assertTrue(total > 1000, total + " spikes");
  }
}
