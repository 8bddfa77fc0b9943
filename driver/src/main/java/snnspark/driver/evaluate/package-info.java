/**
 * The spiking evaluation across executors: broadcast the weights, simulate partitions of the test
 * set, aggregate the statistics; with console progress.
 *
 * <p>May use {@code io}, the worker and datasets modules.
 */
package snnspark.driver.evaluate;
