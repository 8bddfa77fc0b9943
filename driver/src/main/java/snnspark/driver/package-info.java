/**
 * The driver: the {@code snn} command line ({@link snnspark.driver.Main}, one class per
 * subcommand), the Spark job that trains the rate network by parameter averaging ({@link
 * snnspark.driver.SparkTrainer}) and evaluates it spiking across executors ({@link
 * snnspark.driver.SpikingEvaluator}), model storage ({@link snnspark.driver.ModelStore}) and the
 * report ({@link snnspark.driver.Report}).
 */
package snnspark.driver;
