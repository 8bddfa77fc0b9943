package snnspark.driver.predict;

/**
 * What a scoring run wrote.
 *
 * @param images rows in the predictions table
 * @param labelled rows that had a label
 * @param spikingError share of labelled rows whose prediction differs from the label (NaN: none)
 * @param rateError the same for the rate network's prediction
 * @param seconds wall time of scoring and writing
 */
public record PredictionSummary(
    long images, long labelled, double spikingError, double rateError, double seconds) {}
