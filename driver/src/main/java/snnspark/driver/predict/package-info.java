/**
 * Scoring image tables: reading IDX, Parquet, CSV or a folder of PNG/JPEG images into one table
 * layout, running the spiking network over it on the executors, and writing the per-image
 * predictions table.
 *
 * <p>May use {@code model}, {@code io}, the worker and datasets modules.
 */
package snnspark.driver.predict;
