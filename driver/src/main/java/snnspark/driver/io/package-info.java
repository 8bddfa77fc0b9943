/**
 * Files through the Hadoop FileSystem, written atomically; the project's JSON mapper; and the
 * expected, user-caused error ({@link snnspark.driver.io.UserException}) every layer may throw.
 *
 * <p>May use the worker and datasets modules only.
 */
package snnspark.driver.io;
