package snnspark.driver.job;

import snnspark.datasets.Holdout;
import snnspark.driver.io.UserException;
import snnspark.driver.predict.ImageInput;
import snnspark.worker.sim.SimulationConfig;

/**
 * What a spiking evaluation is asked to do.
 *
 * @param data the test images: an IDX folder (its test split) or a labelled table; with {@code
 *     holdout}, the training images whose held-out part is evaluated
 * @param holdout the training images held out of training, or null
 * @param config steps, synapse, initial voltages (null until the model, whose settings it takes, is
 *     loaded: the outputs are checked before that)
 * @param testLimit test images (0: all)
 * @param reportDir folder for report.json, report.html and the figures
 * @param predictions folder for the per-image predictions table (Parquet), or null for none
 */
public record EvaluateRequest(
    ImageInput data,
    Holdout holdout,
    SimulationConfig config,
    int testLimit,
    String reportDir,
    String predictions) {
  /** Checks the limit. */
  public EvaluateRequest {
    UserException.countOrAll("testLimit", testLimit);
  }

  /** The same request simulating with {@code simulation}. */
  public EvaluateRequest withConfig(SimulationConfig simulation) {
    return new EvaluateRequest(data, holdout, simulation, testLimit, reportDir, predictions);
  }
}
