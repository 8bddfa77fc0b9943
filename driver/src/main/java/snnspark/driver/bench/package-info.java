/**
 * The benchmarks behind {@code snn bench}: training loss and speed of the baseline against the fast
 * network, the machine's measured GEMM peak, and the peak memory of the JVM.
 *
 * <p>May use {@code train}, {@code evaluate}, {@code model}, {@code io}, the worker and datasets
 * modules; never {@code cli}.
 */
package snnspark.driver.bench;
