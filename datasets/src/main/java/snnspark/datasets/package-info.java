/**
 * Datasets: reading and validating IDX files through the Hadoop {@code FileSystem} API ({@link
 * snnspark.datasets.IdxReader}), the in-memory {@link snnspark.datasets.Dataset}, the known
 * datasets and how to fetch them offline ({@link snnspark.datasets.KnownDataset}, {@link
 * snnspark.datasets.DatasetFetcher}), and cutting a dataset into Spark partitions of DL4J
 * minibatches ({@link snnspark.datasets.MinibatchPartitioner}).
 *
 * <p>Every problem with user-supplied data surfaces as a {@link snnspark.datasets.DatasetException}
 * whose message names the file and the problem in one line.
 */
package snnspark.datasets;
