/**
 * What runs on executors: the neuron models of SPEC.md section 1 ({@link
 * snnspark.worker.NeuronParams}, {@link snnspark.worker.LifRate}, {@link
 * snnspark.worker.SoftLifActivation}, {@link snnspark.worker.LifNeurons}, {@link
 * snnspark.worker.Lowpass}), the network of section 2 defined once ({@link
 * snnspark.worker.SnnArchitecture}) and the time-stepped spiking simulation of section 4 ({@link
 * snnspark.worker.SpikingNetwork}).
 */
package snnspark.worker;
