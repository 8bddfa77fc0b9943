package snnspark.driver.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.learning.config.Adam;
import snnspark.driver.io.Json;
import snnspark.driver.io.Sha256;
import snnspark.driver.io.UserException;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.DecoupledWeightDecay;
import snnspark.worker.train.Dl4jNetworks;
import snnspark.worker.train.RateRegularizer;
import snnspark.worker.train.TrainingRecipe;

/**
 * Model files through save and load: the training noise travels with the model and is checked,
 * digests are recorded and checked, older files still load.
 */
class ModelStoreTest {
  @TempDir Path dir;

  @Test
  void trainingNoiseTravelsWithTheModel() {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    String uri = dir.resolve("model.zip").toString();
    MultiLayerNetwork net = saveTutorialNetwork(uri, 10);

    TrainedModel back = new ModelStore(new Configuration()).load(uri);
    assertEquals(10, back.metadata().training().trainingNoiseHz());
    assertEquals(net.params(), back.network().params());

    UserException wrong =
        assertThrows(
            UserException.class,
            () -> ModelStore.checkArchitecture(uri, back.network(), arch, 5, 0));
    assertTrue(wrong.getMessage().contains("model of another architecture"), wrong.getMessage());
  }

  @Test
  void howAModelWasTrainedIsNotItsArchitecture() {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    TrainingRecipe adamW = new TrainingRecipe(5, 0, RateRegularizer.NONE, new Adam(0.001), 0.05);
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, adamW));
    net.init();
    // Checked against the tutorial's AdaDelta without decay, as a resumed run checks its
    // checkpoint.
    ModelStore.checkArchitecture("m.zip", net, arch, 5, 0);
    assertEquals(List.of(new DecoupledWeightDecay(0.05)), regularization(net), "not changed by it");
  }

  /**
   * Before 2026-12-06 strided and padded convolutions trained on DL4J's own layers, and their
   * models name those; they still pass the check against the description, which now trains fused
   * layers.
   */
  @Test
  void modelsOfDl4jsOwnConvolutionLayersStillLoad() {
    NetworkDescription strided =
        new NetworkDescription(
            List.of(
                new LayerSpec.Conv(4, 3, 1, LayerSpec.Padding.SAME),
                new LayerSpec.Conv(6, 3, 2, LayerSpec.Padding.VALID)));
    SnnArchitecture arch =
        SnnArchitecture.of(strided, new InputShape(12, 12, 1), 3, NeuronParams.TUTORIAL);
    MultiLayerNetwork former = new MultiLayerNetwork(Dl4jNetworks.baseline(arch, 5));
    former.init();
    assertDoesNotThrow(() -> ModelStore.checkArchitecture("m.zip", former, arch, 5, 0));
  }

  private static Object regularization(MultiLayerNetwork net) {
    return ((BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getRegularization();
  }

  @Test
  void modelsWrittenBeforeTheSubpackagesStillLoad() throws Exception {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, 5));
    net.init();
    Path current = dir.resolve("current.zip");
    ModelSerializer.writeModel(net, current.toFile(), true);
    // The zip as version 0.1 wrote it: the project's classes under their former names, and DL4J's
    // own pooling layer, which every model had before FastAveragePoolingLayer.
    Path former = dir.resolve("former.zip");
    copyEditingConfiguration(
        current,
        former,
        json -> {
          assertTrue(json.contains("snnspark.worker.train.FusedConvolutionLayer"));
          return json.replace(
                  "snnspark.worker.train.FastAveragePoolingLayer",
                  "org.deeplearning4j.nn.conf.layers.SubsamplingLayer")
              .replace("snnspark.worker.train.", "snnspark.worker.");
        });
    try (InputStream in = Files.newInputStream(former)) {
      MultiLayerNetwork back = Dl4jModelFiles.read(in);
      assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
      assertEquals(net.params(), back.params());
      ModelStore.checkArchitecture(former.toString(), back, arch, 5, 0);
    }
  }

  @Test
  void aModelNamingAnUnknownLayerClassIsRefusedWithItsName() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    saveTutorialNetwork(uri, 0);
    // As a build from before a layer class existed sees a model that names it.
    Path zip = Path.of(uri);
    Path renamed = dir.resolve("renamed.zip");
    copyEditingConfiguration(
        zip,
        renamed,
        json ->
            json.replace("snnspark.worker.train.FastAveragePoolingLayer", "snnspark.NoSuchLayer"));
    Files.move(renamed, zip, StandardCopyOption.REPLACE_EXISTING);
    editMetadata(uri, json -> json.put("zip_sha256", Sha256.of(readBytes(zip))));

    ModelStore store = new ModelStore(new Configuration());
    UserException refused = assertThrows(UserException.class, () -> store.load(uri));
    assertTrue(refused.getMessage().contains("not a DL4J MultiLayerNetwork model"));
    assertTrue(refused.getMessage().contains("snnspark.NoSuchLayer"), refused.getMessage());
    assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
  }

  @Test
  void theMetadataRecordsTheDigestsOfTheParametersAndOfTheZip() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    MultiLayerNetwork net = saveTutorialNetwork(uri, 0);

    JsonNode json = Json.MAPPER.readTree(Path.of(ModelStore.metadataUri(uri)).toFile());
    assertEquals(Sha256.of(readBytes(Path.of(uri))), json.get("zip_sha256").asText());
    // Computed here another way: each float's bits, byte-swapped into little-endian order.
    float[] params = net.params().toFloatVector();
    ByteArrayOutputStream littleEndian = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(littleEndian)) {
      for (float p : params) {
        out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(p)));
      }
    }
    assertEquals(Sha256.of(littleEndian.toByteArray()), json.get("parameters_sha256").asText());
    assertEquals(ParameterDigest.of(net.params()), json.get("parameters_sha256").asText());
    TrainedModel back = new ModelStore(new Configuration()).load(uri);
    assertEquals(json.get("zip_sha256").asText(), back.metadata().zipSha256());
  }

  @Test
  void aZipWithOneByteFlippedIsRefusedInOneLine() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    saveTutorialNetwork(uri, 0);
    Path zip = Path.of(uri);
    byte[] bytes = readBytes(zip);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(zip, bytes);

    ModelStore store = new ModelStore(new Configuration());
    UserException refused = assertThrows(UserException.class, () -> store.load(uri));
    assertEquals(
        uri
            + ": model.zip does not match the SHA-256 recorded in model.json (a corrupted or"
            + " replaced copy?)",
        refused.getMessage());
  }

  @Test
  void aModelWrittenBeforeDigestsStillLoads() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    MultiLayerNetwork net = saveTutorialNetwork(uri, 0);
    editMetadata(
        uri,
        json -> {
          json.remove("parameters_sha256");
          json.remove("zip_sha256");
        });

    TrainedModel back = new ModelStore(new Configuration()).load(uri);
    assertNull(back.metadata().zipSha256());
    assertEquals(net.params(), back.network().params());
  }

  @Test
  void aModelWrittenBeforeDescriptionsStillLoadsAsTheTutorial() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    MultiLayerNetwork net = saveTutorialNetwork(uri, 0);
    JsonNode written = Json.MAPPER.readTree(new File(ModelStore.metadataUri(uri)));
    assertEquals(
        NetworkJson.tree(NetworkDescription.TUTORIAL),
        written.path("architecture").path("network"));
    // model.json as builds before network descriptions wrote it: the tutorial's sizes.
    editMetadata(
        uri,
        json -> {
          ObjectNode arch = (ObjectNode) json.get("architecture");
          arch.remove("network");
          arch.put("conv_filters", 32).put("kernel", 3).put("pool", 2);
          arch.put("dense_units", 128).put("dropout", 0.4);
        });

    TrainedModel back = new ModelStore(new Configuration()).load(uri);
    assertEquals(SnnArchitecture.TUTORIAL, back.metadata().architecture());
    assertEquals(net.params(), back.network().params());
  }

  @Test
  void theTrainingRunIsWrittenFlatAndReadBackWhole() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    saveTutorialNetwork(uri, 10);
    JsonNode written = Json.MAPPER.readTree(new File(ModelStore.metadataUri(uri)));
    // The keys of models written before TrainingRun existed, where they were.
    assertEquals("test", written.path("dataset").asText());
    assertEquals(5, written.path("seed").asLong());
    assertEquals(10.0, written.path("training_noise_hz").asDouble());
    assertTrue(written.path("tuning").isObject(), written.toString());
    assertTrue(written.path("training").isMissingNode(), written.toString());

    TrainedModel back = new ModelStore(new Configuration()).load(uri);
    assertEquals(metadata(SnnArchitecture.TUTORIAL, 10).training(), back.metadata().training());
  }

  @ParameterizedTest
  @ValueSource(strings = {"n_trian", "training"})
  void aKeyNoPartOfTheMetadataClaimsIsRefusedNamingIt(String key) throws Exception {
    String uri = dir.resolve("model.zip").toString();
    saveTutorialNetwork(uri, 0);
    editMetadata(uri, json -> json.putObject(key));

    ModelStore store = new ModelStore(new Configuration());
    UserException refused = assertThrows(UserException.class, () -> store.load(uri));
    assertEquals(
        ModelStore.metadataUri(uri)
            + ": not snn-spark model metadata: Unrecognized field \""
            + key
            + "\"",
        refused.getMessage());
  }

  @Test
  void neuronsNoModelCanHaveAreRefusedInOnePlainLine() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    saveTutorialNetwork(uri, 0);
    editMetadata(
        uri, json -> ((ObjectNode) json.path("architecture").path("neurons")).put("tau_ref", 0.05));

    ModelStore store = new ModelStore(new Configuration());
    String refused = assertThrows(UserException.class, () -> store.load(uri)).getMessage();
    assertTrue(
        refused.endsWith(
            "tauRef must be 0 (none) or a positive number of seconds below tau_rc = 0.02, got"
                + " 0.05"),
        refused);
    assertEquals(1, refused.lines().count(), refused);
  }

  @Test
  void aMalformedDigestIsRefusedNamingItsKey() throws Exception {
    String uri = dir.resolve("model.zip").toString();
    saveTutorialNetwork(uri, 0);
    editMetadata(uri, json -> json.put("zip_sha256", "ABC"));

    ModelStore store = new ModelStore(new Configuration());
    UserException refused = assertThrows(UserException.class, () -> store.load(uri));
    assertTrue(refused.getMessage().contains("zip_sha256 must be a SHA-256"), refused.getMessage());
    assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
  }

  /** Rewrites the model.json of {@code uri} with {@code edit} applied. */
  private static void editMetadata(String uri, Consumer<ObjectNode> edit) throws IOException {
    File json = new File(ModelStore.metadataUri(uri));
    ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(json);
    edit.accept(tree);
    Json.MAPPER.writeValue(json, tree);
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Saves a freshly initialised network of the tutorial's architecture (seed 5) trained with {@code
   * noiseHz} of training noise at {@code uri}, and returns it.
   */
  private static MultiLayerNetwork saveTutorialNetwork(String uri, double noiseHz) {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, 5, noiseHz));
    net.init();
    new ModelStore(new Configuration()).save(new TrainedModel(net, metadata(arch, noiseHz)), uri);
    return net;
  }

  /** Copies the model zip {@code from} to {@code to} with its DL4J configuration edited. */
  private static void copyEditingConfiguration(Path from, Path to, UnaryOperator<String> edit)
      throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals("configuration.json")) {
          content =
              edit.apply(new String(content, StandardCharsets.UTF_8))
                  .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
  }

  private static ModelMetadata metadata(SnnArchitecture arch, double noiseHz) {
    return ModelMetadata.builder()
        .architecture(arch)
        .training(
            TrainingRun.builder()
                .dataset("test")
                .epochs(1)
                .workers(1)
                .batchSizePerWorker(1)
                .averagingFrequency(1)
                .seed(5)
                .trainingNoiseHz(noiseHz)
                .lossByEpoch(List.of())
                .rateErrorByEpoch(List.of())
                .build())
        .build();
  }
}
