package snnspark.driver.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Sha256;
import snnspark.driver.io.UserException;

/**
 * Reads DL4J model zips (models and checkpoints), including those written before the project's
 * classes moved into subpackages: DL4J's configuration JSON names the custom layer, activation and
 * dropout classes by their full names, which are mapped to where the classes live now.
 */
public final class Dl4jModelFiles {
  /** The DL4J configuration inside a model zip. */
  private static final String CONFIGURATION = "configuration.json";

  /** Former class names (0.1 before the subpackages) and the current ones. */
  private static final Map<String, String> MOVED =
      Map.of(
          "\"snnspark.worker.FusedConvolutionLayer\"",
          "\"snnspark.worker.train.FusedConvolutionLayer\"",
          "\"snnspark.worker.SoftLifActivation\"",
          "\"snnspark.worker.train.SoftLifActivation\"",
          "\"snnspark.worker.SeededDropout\"",
          "\"snnspark.worker.train.SeededDropout\"");

  private Dl4jModelFiles() {}

  /** The network in the zip {@code in}, with its updater state. */
  public static MultiLayerNetwork read(InputStream in) throws IOException {
    return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(migrate(in)), true);
  }

  /**
   * A SHA-256 a model file must have, and the file that recorded it (named when they differ).
   *
   * @param sha256 64 lower-case hex digits (the recording file's reader checked the form)
   * @param recordedIn the recording file's name, e.g. {@code model.json}
   */
  public record RecordedDigest(String sha256, String recordedIn) {
    /** Both are needed: a digest without its source could not be reported. */
    public RecordedDigest {
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(recordedIn, "recordedIn");
    }
  }

  /**
   * The network in the zip at {@code uri} (any Hadoop URI), its bytes checked against {@code
   * expected} (null: none recorded, nothing to check); a file that does not match, or is no model,
   * is the user's error, named with {@code problem} and the reason.
   */
  public static MultiLayerNetwork read(
      String uri, Configuration conf, String problem, RecordedDigest expected) {
    return HadoopFiles.read(
        uri,
        conf,
        in -> {
          byte[] zip = in.readAllBytes();
          if (expected != null && !Sha256.of(zip).equals(expected.sha256())) {
            throw new UserException(
                uri
                    + ": "
                    + new Path(uri).getName()
                    + " does not match the SHA-256 recorded in "
                    + expected.recordedIn()
                    + " (a corrupted or replaced copy?)");
          }
          try {
            return read(new ByteArrayInputStream(zip));
          } catch (IOException | RuntimeException e) {
            throw new UserException(uri + ": " + problem + ": " + UserException.reason(e));
          }
        });
  }

  /** The zip's bytes with former class names in its configuration replaced. */
  static byte[] migrate(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream zip = new ZipInputStream(in);
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        byte[] content = zip.readAllBytes();
        if (entry.getName().equals(CONFIGURATION)) {
          String json = new String(content, StandardCharsets.UTF_8);
          for (Map.Entry<String, String> moved : MOVED.entrySet()) {
            json = json.replace(moved.getKey(), moved.getValue());
          }
          content = json.getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
