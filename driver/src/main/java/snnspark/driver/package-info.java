/**
 * The driver: the entry point {@link snnspark.driver.Main} (the class {@code spark-submit} and
 * {@code deploy/snn} start), which hands off to the command line.
 *
 * <p>The subpackages follow the flow: {@code cli} (commands and flags) calls {@code job} (the
 * train/evaluate/run flows), which uses {@code train} (parameter averaging on Spark), {@code
 * evaluate} (the spiking evaluation across executors), {@code model} (model files), {@code report}
 * (report.json, figures, report.html) and {@code io} (files and user errors); {@code bench} holds
 * the benchmarks. Each says what it may use, and {@code DriverLayeringTest} holds them to it.
 */
package snnspark.driver;
