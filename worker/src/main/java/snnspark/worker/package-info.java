/**
 * What runs on executors: the neuron models of SPEC.md section 1 ({@link
 * snnspark.worker.NeuronParams}, {@link snnspark.worker.LifRate}, {@link
 * snnspark.worker.SoftLifActivation}, {@link snnspark.worker.LifNeurons}, {@link
 * snnspark.worker.Lowpass}), the network of section 2 defined once ({@link
 * snnspark.worker.SnnArchitecture}) with its fast training layers ({@link
 * snnspark.worker.FusedConvolutionLayer}, {@link snnspark.worker.FusedConvolution}), the
 * time-stepped spiking simulation of section 4 (the dense reference {@link
 * snnspark.worker.SpikingNetwork} and {@link snnspark.worker.EventDrivenNetwork}), and how their
 * data crosses the wire ({@link snnspark.worker.SnnKryoRegistrator}).
 */
package snnspark.worker;
