package snnspark.driver.job;

import snnspark.driver.predict.InputFormat;
import snnspark.driver.predict.OutputFormat;
import snnspark.driver.predict.TableColumns;
import snnspark.worker.sim.SimulationConfig;

/**
 * What a scoring run is asked to do.
 *
 * @param input the image table (IDX, Parquet, CSV or a folder of images)
 * @param inputFormat its format, or null to infer it
 * @param columns the input's column names
 * @param out folder of the predictions table
 * @param outputFormat Parquet or CSV
 * @param perStep whether to add the prediction at every step
 * @param config steps, synapse, initial voltages (null until the model, whose settings it takes, is
 *     loaded: the outputs are checked before that)
 */
public record PredictRequest(
    String input,
    InputFormat inputFormat,
    TableColumns columns,
    String out,
    OutputFormat outputFormat,
    boolean perStep,
    SimulationConfig config) {
  /** The same request simulating with {@code simulation}. */
  public PredictRequest withConfig(SimulationConfig simulation) {
    return new PredictRequest(input, inputFormat, columns, out, outputFormat, perStep, simulation);
  }
}
