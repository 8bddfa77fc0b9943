package snnspark.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.io.UserException;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/** A model trained with noise keeps that setting through save and load, and is checked by it. */
class ModelStoreTest {
  @TempDir Path dir;

  @Test
  void trainingNoiseTravelsWithTheModel() {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, 5, 10));
    net.init();
    String uri = dir.resolve("model.zip").toString();
    ModelStore store = new ModelStore(new Configuration());
    store.save(new TrainedModel(net, metadata(arch, 10)), uri);

    TrainedModel back = store.load(uri);
    assertEquals(10, back.metadata().trainingNoiseHz());
    assertEquals(net.params(), back.network().params());

    UserException wrong =
        assertThrows(
            UserException.class,
            () -> ModelStore.checkArchitecture(uri, back.network(), arch, 5, 0));
    assertTrue(wrong.getMessage().contains("model of another architecture"), wrong.getMessage());
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
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(current));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(former))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals("configuration.json")) {
          String json = new String(content, StandardCharsets.UTF_8);
          assertTrue(json.contains("snnspark.worker.train.FusedConvolutionLayer"));
          content =
              json.replace(
                      "snnspark.worker.train.FastAveragePoolingLayer",
                      "org.deeplearning4j.nn.conf.layers.SubsamplingLayer")
                  .replace("snnspark.worker.train.", "snnspark.worker.")
                  .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    try (InputStream in = Files.newInputStream(former)) {
      MultiLayerNetwork back = Dl4jModelFiles.read(in);
      assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
      assertEquals(net.params(), back.params());
      ModelStore.checkArchitecture(former.toString(), back, arch, 5, 0);
    }
  }

  private static ModelMetadata metadata(SnnArchitecture arch, double noiseHz) {
    return new ModelMetadata(
        ModelMetadata.FORMAT_VERSION,
        arch,
        "test",
        0,
        1,
        1,
        1,
        1,
        5,
        noiseHz,
        Tuning.SEED,
        0,
        0,
        List.of(),
        List.of(),
        0,
        0);
  }
}
