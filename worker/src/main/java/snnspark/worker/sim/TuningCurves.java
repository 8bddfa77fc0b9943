package snnspark.worker.sim;

import java.util.ArrayList;
import java.util.List;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.neuron.LifNeurons;
import snnspark.worker.neuron.LifRate;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.SoftLifRate;

/**
 * Firing rate against input for one neuron of each model, like the tutorial's tuning-curve plot:
 * SoftLIF, the LIF rate, and a spiking LIF neuron measured by simulating it from zero voltage.
 */
public final class TuningCurves {
  private TuningCurves() {}

  /** Inputs of the tutorial's plot: from -1 to 1 in steps of 0.01. */
  public static final int TUTORIAL_POINTS = 201;

  /** Spiking rates of the tutorial's plot are measured over one simulated second. */
  public static final double TUTORIAL_SECONDS = 1.0;

  /** One input and the rates (Hz) of the three models there. */
  public record Point(double u, double softLifHz, double lifHz, double spikingLifHz) {}

  /**
   * The tutorial's plot: {@link #TUTORIAL_POINTS} inputs in [-1, 1], spiking over {@link
   * #TUTORIAL_SECONDS}.
   */
  public static List<Point> tutorialPlot(NeuronParams params) {
    return compute(params, -1, 1, TUTORIAL_POINTS, TUTORIAL_SECONDS);
  }

  /**
   * {@code points} inputs evenly from {@code from} to {@code to}; spiking measured over {@code
   * seconds}.
   */
  public static List<Point> compute(
      NeuronParams params, double from, double to, int points, double seconds) {
    if (points < 2) {
      throw new IllegalArgumentException("need at least 2 points, got " + points);
    }
    SoftLifRate soft = new SoftLifRate(params);
    LifRate lif = new LifRate(params);
    double dt = SimulationConfig.DT;
    int steps = (int) Math.round(seconds / dt);
    List<Point> curve = new ArrayList<>(points);
    for (int i = 0; i < points; i++) {
      double u = from + (to - from) * i / (points - 1);
      LifNeurons neuron = new LifNeurons(params, 1, 1, dt);
      neuron.reset(InitialVoltage.ZERO, 0, 0, new long[] {0});
      float[] in = {(float) u};
      float[] out = new float[1];
      long spikes = 0;
      for (int t = 0; t < steps; t++) {
        spikes += neuron.step(in, out);
      }
      curve.add(
          new Point(
              u, params.toHz(soft.output(u)), params.toHz(lif.output(u)), spikes / (steps * dt)));
    }
    return curve;
  }
}
