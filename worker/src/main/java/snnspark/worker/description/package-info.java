/**
 * A network as its user describes it: a stack of layers ({@link
 * snnspark.worker.description.LayerSpec}) over an input shape, checked when it is built and sized
 * layer by layer ({@link snnspark.worker.description.NetworkDescription#shapes}). Pure Java: it
 * depends on nothing but the JDK, so the driver, the Spark ML stages and the executors read one
 * definition.
 */
package snnspark.worker.description;
