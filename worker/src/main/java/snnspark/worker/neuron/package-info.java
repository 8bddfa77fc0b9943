/**
 * The neuron models and the synapse (docs/model.md, "Neurons"): parameters with gain and bias
 * ({@link snnspark.worker.neuron.NeuronParams}), the LIF rate, the differentiable SoftLIF rate, a
 * batch of spiking LIF neurons, the lowpass synapse read as Nengo reads it, and the seeded random
 * streams every draw of a run comes from ({@link snnspark.worker.neuron.Seeds}).
 *
 * <p>Pure Java maths: it may use nothing of this project, nor Spark or DL4J.
 */
package snnspark.worker.neuron;
