/**
 * The trained network run with spiking LIF neurons: the dense reference simulator and the fast
 * event-driven one ({@link snnspark.worker.sim.SpikingSimulator}), their readout, settings and
 * results, the statistics that add up across partitions, and the tuning curves.
 *
 * <p>May use {@code snnspark.worker}, {@code neuron}, {@code train} (the linear DL4J network the
 * weights come from) and the datasets module; not Spark.
 */
package snnspark.worker.sim;
