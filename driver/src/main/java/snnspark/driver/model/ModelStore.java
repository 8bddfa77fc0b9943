package snnspark.driver.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.io.Sha256;
import snnspark.driver.io.UserException;
import snnspark.driver.model.Dl4jModelFiles.RecordedDigest;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/**
 * Saves and loads a {@link TrainedModel} through the Hadoop FileSystem: the DL4J zip (with updater
 * state) at the given URI and {@code <name>.json} beside it, each written atomically. The JSON
 * records the zip's SHA-256, and a zip that no longer matches it is refused on load.
 */
public final class ModelStore {
  /** INFO reaches the console only with --verbose. */
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

  private final Configuration conf;

  /** A store resolving URIs with {@code conf}. */
  public ModelStore(Configuration conf) {
    this.conf = conf;
  }

  /** The metadata file that belongs to a model URI: {@code model.zip} → {@code model.json}. */
  public static String metadataUri(String modelUri) {
    return (modelUri.endsWith(".zip") ? modelUri.substring(0, modelUri.length() - 4) : modelUri)
        + ".json";
  }

  /**
   * Writes metadata, then the model; a reader finds both or (after a failure) no model. The
   * metadata records the SHA-256 of the parameters and of the zip's bytes, so the zip is serialised
   * in memory first. Returns the model with the metadata as written.
   */
  public TrainedModel save(TrainedModel model, String modelUri) {
    byte[] zip = zipBytes(model.network());
    ModelMetadata metadata =
        model.metadata().withDigests(ParameterDigest.of(model.network().params()), Sha256.of(zip));
    HadoopFiles.writeAtomically(
        metadataUri(modelUri), conf, out -> out.write(Json.MAPPER.writeValueAsBytes(metadata)));
    HadoopFiles.writeAtomically(modelUri, conf, out -> out.write(zip));
    return new TrainedModel(model.network(), metadata);
  }

  /** The DL4J zip of {@code network}, updater state included. */
  public static byte[] zipBytes(MultiLayerNetwork network) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(network, bytes, true);
    } catch (IOException e) {
      throw new UncheckedIOException("serialising a network in memory", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Loads a model and checks it is the network its metadata describes, its bytes those the metadata
   * recorded.
   */
  public TrainedModel load(String modelUri) {
    if (!HadoopFiles.exists(modelUri, conf)) {
      throw new UserException(modelUri + ": model not found (train one with 'snn train')");
    }
    String metadataUri = metadataUri(modelUri);
    ModelMetadata metadata = readMetadata(metadataUri, modelUri);
    String recordedIn = new Path(metadataUri).getName();
    RecordedDigest digest = null;
    if (metadata.zipSha256() == null) {
      LOG.info(
          "{}: written before models recorded their SHA-256; {} loads unchecked",
          metadataUri,
          modelUri);
    } else {
      digest = new RecordedDigest(metadata.zipSha256(), recordedIn);
    }
    long parameters = ModelFileChecks.parameters(metadataUri, metadata);
    MultiLayerNetwork network =
        Dl4jModelFiles.read(
            modelUri, conf, "not a DL4J MultiLayerNetwork model", digest, parameters);
    checkArchitecture(
        modelUri,
        network,
        metadata.architecture(),
        metadata.training().seed(),
        metadata.training().trainingNoiseHz());
    return new TrainedModel(network, metadata);
  }

  private ModelMetadata readMetadata(String metadataUri, String modelUri) {
    if (!HadoopFiles.exists(metadataUri, conf)) {
      throw new UserException(
          metadataUri + ": model metadata not found (was " + modelUri + " written by snn train?)");
    }
    ModelMetadata metadata =
        HadoopFiles.read(
            metadataUri,
            conf,
            in -> {
              try {
                return Json.readFlat(in, ModelMetadata.class);
              } catch (IOException e) {
                throw new UserException(
                    metadataUri + ": not snn-spark model metadata: " + UserException.reason(e));
              }
            });
    ModelFileChecks.checkMetadata(metadataUri, metadata);
    if (metadata.formatVersion() != ModelMetadata.FORMAT_VERSION) {
      throw new UserException(
          metadataUri
              + ": metadata format "
              + metadata.formatVersion()
              + ", this build reads "
              + ModelMetadata.FORMAT_VERSION);
    }
    return metadata;
  }

  /**
   * Fails unless {@code network} has exactly the layers {@code arch} defines (trained with {@code
   * seed} and {@code trainingNoiseHz}).
   */
  public static void checkArchitecture(
      String modelUri,
      MultiLayerNetwork network,
      SnnArchitecture arch,
      long seed,
      double trainingNoiseHz) {
    var expected = Dl4jNetworks.training(arch, seed, trainingNoiseHz);
    var actual = network.getLayerWiseConfigurations();
    boolean same = actual.getConfs().size() == expected.getConfs().size();
    for (int i = 0; same && i < actual.getConfs().size(); i++) {
      NeuralNetConfiguration a = actual.getConf(i);
      NeuralNetConfiguration e = expected.getConf(i);
      same = withoutTraining(a.getLayer()).equals(withoutTraining(e.getLayer()));
    }
    if (!same) {
      throw new UserException(
          modelUri + ": model of another architecture (expected " + arch.describe() + ")");
    }
  }

  /**
   * The layer without its updater and weight decay: which updater trained a model, at what learning
   * rate it ended and how its weights were pulled towards 0 is its history, not its architecture.
   */
  private static Layer withoutTraining(Layer layer) {
    Layer copy = layer.clone();
    if (copy instanceof BaseLayer base) {
      base.setIUpdater(null);
      base.setBiasUpdater(null);
      base.setRegularization(null);
      base.setRegularizationBias(null);
    }
    return copy;
  }
}
