package snnspark.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.io.Json;
import snnspark.driver.io.UserException;

/**
 * A model's files are checked before DL4J and ND4J read them: what the fuzz tests found, and the
 * limits that keep a small file from allocating what it claims.
 */
class ModelFileChecksTest {
  @TempDir Path dir;

  @Test
  void theTinyModelLoads() throws IOException {
    TrainedModel model = load(TinyModel.metadataJson(), TinyModel.zip());
    assertEquals(30, model.network().numParams());
  }

  @Test
  void metadataThatIsNullOrHasNoArchitectureIsRefused() throws IOException {
    assertRefused("empty (null)", "null".getBytes(StandardCharsets.UTF_8), TinyModel.zip());
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(TinyModel.metadataJson());
    json.putNull("architecture");
    assertRefused("no architecture", Json.MAPPER.writeValueAsBytes(json), TinyModel.zip());
  }

  @Test
  void coefficientsClaimingMoreElementsThanTheFileHoldsAreRefusedBeforeNd4jReadsThem()
      throws IOException {
    byte[] zip = TinyModel.zip();
    byte[] coefficients = entry(zip, "coefficients.bin");
    // The data buffer's length: after the shape buffer (18 + 8 + 6 + 6 * 8 bytes) and its mode.
    ByteBuffer.wrap(coefficients).putLong(80 + 18, 1L << 40);
    assertRefused(
        "a buffer of 1099511627776 FLOAT elements",
        TinyModel.metadataJson(),
        replace(zip, "coefficients.bin", coefficients));
  }

  @Test
  void aConfigurationThatInflatesPastItsCapIsRefused() throws IOException {
    byte[] bomb = new byte[Dl4jModelFiles.MAX_CONFIGURATION_BYTES + 1];
    assertRefused(
        "configuration.json inflates to more than",
        TinyModel.metadataJson(),
        replace(TinyModel.zip(), "configuration.json", bomb));
  }

  @Test
  void aConfigurationNestedTooDeeplyIsRefused() throws IOException {
    byte[] deep = "[".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
    assertRefused(
        "JSON nested deeper than",
        TinyModel.metadataJson(),
        replace(TinyModel.zip(), "configuration.json", deep));
  }

  private TrainedModel load(byte[] json, byte[] zip) throws IOException {
    Files.write(dir.resolve("model.json"), json);
    Files.write(dir.resolve("model.zip"), zip);
    return new ModelStore(new Configuration()).load(dir.resolve("model.zip").toString());
  }

  private void assertRefused(String problem, byte[] json, byte[] zip) {
    UserException e = assertThrows(UserException.class, () -> load(json, zip));
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  private static byte[] entry(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static byte[] replace(byte[] zip, String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] original = in.readAllBytes();
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(e.getName().equals(name) ? content : original);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
