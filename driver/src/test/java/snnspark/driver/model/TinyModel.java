package snnspark.driver.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import snnspark.driver.io.Json;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

/**
 * The smallest model {@code snn train} could write: the tutorial's layers for 6x6 images with one
 * filter, 2 dense units and 2 classes (30 coefficients), so that a fuzzer mutates a zip of 1.5 KB
 * rather than one of megabytes. Public for the fuzz tests' seeds.
 */
public final class TinyModel {
  /** Its architecture. */
  public static final SnnArchitecture ARCHITECTURE =
      new SnnArchitecture(
          new InputShape(6, 6, 1),
          new NetworkDescription(
              List.of(
                  new Conv(1, 3), new Conv(1, 3), new AvgPool(2), new Dense(2), new Dropout(0.4))),
          2,
          NeuronParams.TUTORIAL);

  private static final long SEED = 5;

  private TinyModel() {}

  /** Its {@code model.json}. */
  public static byte[] metadataJson() {
    ModelMetadata metadata =
        ModelMetadata.builder()
            .architecture(ARCHITECTURE)
            .training(
                TrainingRun.builder()
                    .dataset("tiny")
                    .epochs(1)
                    .workers(1)
                    .batchSizePerWorker(1)
                    .averagingFrequency(1)
                    .seed(SEED)
                    .lossByEpoch(List.of(2.3))
                    .rateErrorByEpoch(List.of(0.9))
                    .build())
            .build();
    try {
      return Json.MAPPER.writeValueAsBytes(metadata);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its {@code model.zip}, with updater state, as {@code ModelStore.save} writes it. */
  public static byte[] zip() {
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(ARCHITECTURE, SEED));
    net.init();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(net, out, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
