/**
 * The spiking network as Spark ML stages, for Java and Scala pipelines: {@link
 * snnspark.driver.ml.SpikingClassifier} (an {@code Estimator} that trains by parameter averaging)
 * builds {@link snnspark.driver.ml.SpikingClassificationModel} (a {@code Model} that appends the
 * per-image spiking predictions); both save and load through the Hadoop FileSystem.
 *
 * <p>May use {@code train}, {@code predict}, {@code model}, {@code io}, the worker and datasets
 * modules.
 */
package snnspark.driver.ml;
