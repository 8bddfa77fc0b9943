/**
 * Training the rate network with SoftLIF neurons in DL4J: the DL4J networks of the architecture
 * ({@link snnspark.worker.train.Dl4jNetworks}), the SoftLIF activation, the fused convolution
 * layer, seeded dropout, training noise, and the rate error.
 *
 * <p>May use {@code snnspark.worker}, {@code neuron} and the datasets module; of Spark only the
 * task's partition id (to seed a worker's draws).
 */
package snnspark.worker.train;
