/**
 * The {@code snn} command line (picocli): one class per subcommand, the option groups shared by
 * several, exit codes and one-line errors. The only package that knows about flags.
 *
 * <p>May use every other driver package, the worker and datasets modules.
 */
package snnspark.driver.cli;
