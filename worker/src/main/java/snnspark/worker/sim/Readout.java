package snnspark.worker.sim;

import snnspark.worker.neuron.Lowpass;
import snnspark.worker.neuron.NeuronModel;

/**
 * The output side of a simulation: the lowpass on each image's class outputs, the filtered values
 * and the prediction (argmax, first on ties) at every step. Shared by both simulators so they read
 * out identically. As in Nengo's probe, step {@code t} reads the filter before step {@code t}'s
 * outputs enter it (see {@link Lowpass}), so step 1 reads 0 for every class; under {@link
 * NeuronModel#NIR}, the output LI node is read after them.
 */
final class Readout {
  private final int images;
  private final int steps;
  private final int classes;
  private final Lowpass lowpass;
  private final boolean readBeforeStep;
  private final float[] filtered;
  private final int[][] predictions;

  Readout(int images, int classes, SimulationConfig config) {
    this.images = images;
    this.steps = config.steps();
    this.classes = classes;
    this.lowpass =
        new Lowpass(config.neuronModel(), config.outputSynapseTau(), config.dt(), images * classes);
    this.readBeforeStep = config.neuronModel().readsLowpassBeforeStep();
    this.filtered = new float[images * steps * classes];
    this.predictions = new int[steps][images];
  }

  /**
   * Filters step {@code t}'s outputs of images {@code first .. first+count-1}; {@code outputs}
   * holds {@code count * classes} values.
   */
  void step(int t, int first, int count, float[] outputs) {
    if (!readBeforeStep) {
      lowpass.step(first * classes, count * classes, outputs);
    }
    for (int b = first; b < first + count; b++) {
      int best = 0;
      for (int c = 0; c < classes; c++) {
        double y = lowpass.output(b * classes + c);
        filtered[(b * steps + t) * classes + c] = (float) y;
        if (y > lowpass.output(b * classes + best)) {
          best = c;
        }
      }
      predictions[t][b] = best;
    }
    if (readBeforeStep) {
      lowpass.step(first * classes, count * classes, outputs);
    }
  }

  SpikingResult result(SpikeCounts counts) {
    return new SpikingResult(images, steps, classes, filtered, predictions, counts);
  }
}
