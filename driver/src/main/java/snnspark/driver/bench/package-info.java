/**
 * The benchmarks behind {@code snn bench}: training loss and speed of the baseline against the fast
 * network, and the machine's measured GEMM peak.
 *
 * <p>May use {@code train}, {@code evaluate}, {@code model}, {@code io}, the worker and datasets
 * modules; never {@code cli}.
 */
package snnspark.driver.bench;
