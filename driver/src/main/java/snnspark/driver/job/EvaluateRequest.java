package snnspark.driver.job;

import snnspark.worker.sim.SimulationConfig;

/**
 * What a spiking evaluation is asked to do.
 *
 * @param data dataset folder or URI (its test split is evaluated)
 * @param config steps, synapse, initial voltages
 * @param testLimit test images (0: all)
 * @param reportDir folder for report.json, report.html and the figures
 * @param predictions folder for the per-image predictions table (Parquet), or null for none
 */
public record EvaluateRequest(
    String data, SimulationConfig config, int testLimit, String reportDir, String predictions) {}
