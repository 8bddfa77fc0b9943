/**
 * Trained models as files: the DL4J zip with its {@code model.json} metadata, saved and loaded
 * through the Hadoop FileSystem, and the exports: NumPy (npz) and NIR (HDF5, through jHDF).
 *
 * <p>May use {@code io}, the worker and datasets modules.
 */
package snnspark.driver.model;
