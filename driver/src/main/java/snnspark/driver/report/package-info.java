/**
 * What a run reports: {@code report.json} ({@link snnspark.driver.report.Report}), the energy
 * estimate ({@link snnspark.driver.report.EnergyModel}), the figures (XChart) and the
 * self-contained {@code report.html}.
 *
 * <p>May use {@code model}, {@code io}, the worker and datasets modules.
 */
package snnspark.driver.report;
