/**
 * Training on Spark by parameter averaging (DL4J's {@code ParameterAveragingTrainingMaster}): the
 * trainer, its settings and presets, the per-epoch checkpoints, the training master that resumes
 * from them to the bit, and the mean of the last epochs' parameters.
 *
 * <p>May use {@code model}, {@code io}, the worker and datasets modules.
 */
package snnspark.driver.train;
