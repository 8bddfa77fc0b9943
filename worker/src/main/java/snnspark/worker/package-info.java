/**
 * What runs on executors, and the network it runs: the geometry of a network of the tutorial's
 * form, defined once ({@link snnspark.worker.SnnArchitecture}), and its trained parameters as the
 * driver broadcasts them ({@link snnspark.worker.TrainedWeights}).
 *
 * <p>The subpackages follow the flow: {@code description} (a network as its user describes it, pure
 * Java), {@code neuron} (the neuron models and synapse, pure maths), {@code train} (the DL4J layers
 * and networks that train with SoftLIF neurons), {@code sim} (the spiking simulators and their
 * statistics), {@code spark} (the glue that runs them in Spark tasks). This package may use {@code
 * description}, {@code neuron} and the datasets module only; each subpackage says what it may use,
 * and {@code WorkerLayeringTest} holds them to it.
 */
package snnspark.worker;
