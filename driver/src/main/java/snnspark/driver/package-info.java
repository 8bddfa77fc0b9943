/**
 * The driver: the {@code snn} command line ({@link snnspark.driver.Main}, one class per
 * subcommand), the Spark job that trains the rate network by parameter averaging ({@link
 * snnspark.driver.SparkTrainer}, with checkpoints in {@link snnspark.driver.TrainingCheckpoints})
 * and evaluates it spiking across executors ({@link snnspark.driver.SpikingEvaluator}), model
 * storage ({@link snnspark.driver.ModelStore}) and the report ({@link snnspark.driver.Report}), and
 * the benchmarks ({@link snnspark.driver.BenchCommand}).
 */
package snnspark.driver;
