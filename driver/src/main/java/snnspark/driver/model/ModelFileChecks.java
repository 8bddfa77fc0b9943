package snnspark.driver.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import snnspark.driver.io.UserException;
import snnspark.worker.train.Dl4jNetworks;

/**
 * What {@link ModelStore#load} checks in a model's metadata before it reads the model: that the
 * metadata names an architecture DL4J can build, and how many coefficients that architecture has,
 * so the zip's arrays are checked against it before ND4J allocates them.
 */
final class ModelFileChecks {
  private ModelFileChecks() {}

  /** Fails unless {@code metadata} (read from {@code metadataUri}) has what loading needs. */
  static void checkMetadata(String metadataUri, ModelMetadata metadata) {
    if (metadata == null) {
      throw new UserException(metadataUri + ": not snn-spark model metadata: empty (null)");
    }
    if (metadata.architecture() == null || metadata.architecture().neurons() == null) {
      throw new UserException(
          metadataUri + ": not snn-spark model metadata: no architecture (or no neurons in it)");
    }
  }

  /**
   * The coefficients of the network {@code metadata} describes, counted from its configuration
   * without allocating them (an architecture of absurd sizes costs nothing here).
   */
  static long parameters(String metadataUri, ModelMetadata metadata) {
    try {
      MultiLayerConfiguration expected =
          Dl4jNetworks.training(
              metadata.architecture(),
              metadata.training().seed(),
              metadata.training().trainingNoiseHz());
      long parameters = 0;
      for (NeuralNetConfiguration layer : expected.getConfs()) {
        parameters = Math.addExact(parameters, layer.getLayer().initializer().numParams(layer));
      }
      return parameters;
    } catch (RuntimeException e) { // DL4J's own checks of sizes and settings
      throw new UserException(
          metadataUri
              + ": an architecture this build cannot construct: "
              + UserException.reason(e));
    }
  }
}
