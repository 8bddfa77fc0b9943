package snnspark.driver.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained rate network with its metadata.
 *
 * @param network the DL4J network (SoftLIF neurons), updater state included
 * @param metadata how it was trained
 */
public record TrainedModel(MultiLayerNetwork network, ModelMetadata metadata) {}
