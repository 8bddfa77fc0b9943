/**
 * The job's flows, shared by the commands: load the data, train and save a model, evaluate it
 * spiking and write the report; and where the job runs ({@link snnspark.driver.job.SparkSettings}).
 *
 * <p>May use {@code train}, {@code evaluate}, {@code model}, {@code report}, {@code io}, the worker
 * and datasets modules; never {@code cli}.
 */
package snnspark.driver.job;
