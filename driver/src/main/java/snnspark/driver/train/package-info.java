/**
 * Training on Spark by parameter averaging (DL4J's {@code ParameterAveragingTrainingMaster}): the
 * trainer, its settings and the per-epoch checkpoints.
 *
 * <p>May use {@code model}, {@code io}, the worker and datasets modules.
 */
package snnspark.driver.train;
