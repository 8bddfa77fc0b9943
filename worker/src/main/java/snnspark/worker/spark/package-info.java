/**
 * The executor side of the Spark jobs: the partition function that simulates batches with the
 * broadcast weights, the indexed batches it reads, the GPU binding of a task, and the Kryo
 * registrator ({@code spark.kryo.registrator}).
 *
 * <p>May use everything in the worker module and the datasets module.
 */
package snnspark.worker.spark;
