package snnspark.driver.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

  /** The coefficients, as ModelSerializer names them. */
  private static final String COEFFICIENTS = "coefficients.bin";

  /** The updater's state, as ModelSerializer names it. */
  private static final String UPDATER_STATE = "updaterState.bin";

  /** For {@link #read(String, Configuration, String, long)}: any number of parameters. */
  static final long ANY_PARAMETERS = -1;

  /** Largest configuration JSON read; the tutorial network's is about 15 KB. */
  static final int MAX_CONFIGURATION_BYTES = 1 << 20;

  /** Largest other entry (none that ModelSerializer reads for a network) read. */
  static final int MAX_OTHER_ENTRY_BYTES = 1 << 20;

  /** Most entries read; ModelSerializer writes 3. */
  static final int MAX_ENTRIES = 16;

  /** Updater state per parameter: Adam keeps 2 values, AMSGrad 3. */
  static final int MAX_UPDATER_STATES_PER_PARAMETER = 4;

  /** Bytes of an array file beyond its elements: its two buffers' headers and its shape. */
  private static final int ARRAY_HEADER_BYTES = 1024;

  private Dl4jModelFiles() {}

  /** The network in the zip {@code in}, with its updater state. */
  public static MultiLayerNetwork read(InputStream in) throws IOException {
    return read(in, ANY_PARAMETERS);
  }

  /**
   * The network in the zip {@code in}, which must hold {@code parameters} coefficients (unless
   * {@link #ANY_PARAMETERS}): every entry is checked before DL4J and ND4J read it, so that neither
   * allocates more than the zip holds (and, with a count, more than the count calls for).
   */
  static MultiLayerNetwork read(InputStream in, long parameters) throws IOException {
    return ModelSerializer.restoreMultiLayerNetwork(
        new ByteArrayInputStream(migrate(in, parameters)), true);
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
    return read(uri, conf, problem, expected, ANY_PARAMETERS);
  }

  /**
   * The same for a network of {@code parameters} coefficients, whose entries are checked against
   * that size before DL4J and ND4J read them: see {@link #read(InputStream, long)}.
   */
  public static MultiLayerNetwork read(
      String uri, Configuration conf, String problem, RecordedDigest expected, long parameters) {
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
            return read(new ByteArrayInputStream(zip), parameters);
          } catch (OtherArchitecture e) {
            throw new UserException(uri + ": model of another architecture: " + e.getMessage());
          } catch (IOException | RuntimeException e) {
            throw new UserException(uri + ": " + problem + ": " + UserException.reason(e));
          }
        });
  }

  /**
   * The zip's bytes with former class names in its configuration replaced, each entry checked
   * first: see {@link #read(InputStream, long)}.
   */
  static byte[] migrate(InputStream in, long parameters) throws IOException {
    boolean limited = parameters != ANY_PARAMETERS;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Set<String> names = new HashSet<>();
    try (ZipInputStream zip = new ZipInputStream(in);
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (limited && names.size() == MAX_ENTRIES) {
          throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries");
        }
        names.add(name);
        byte[] content =
            limited ? readAtMost(zip, name, cap(name, parameters)) : zip.readAllBytes();
        if (name.equals(CONFIGURATION)) {
          content = migrateConfiguration(content);
        } else if (name.equals(COEFFICIENTS) || name.equals(UPDATER_STATE)) {
          checkArray(name, content, parameters);
        }
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
      }
    }
    if (limited && !(names.contains(CONFIGURATION) && names.contains(COEFFICIENTS))) {
      // Without coefficients DL4J would initialise whatever network the configuration describes.
      throw new IllegalArgumentException(
          "no " + (names.contains(CONFIGURATION) ? COEFFICIENTS : CONFIGURATION));
    }
    return bytes.toByteArray();
  }

  /** What entry {@code name} may inflate to for a network of {@code parameters} coefficients. */
  private static long cap(String name, long parameters) {
    return switch (name) {
      case CONFIGURATION -> MAX_CONFIGURATION_BYTES;
      case COEFFICIENTS -> ARRAY_HEADER_BYTES + Long.BYTES * parameters;
      case UPDATER_STATE ->
          ARRAY_HEADER_BYTES + Long.BYTES * MAX_UPDATER_STATES_PER_PARAMETER * parameters;
      default -> MAX_OTHER_ENTRY_BYTES;
    };
  }

  /** The entry's bytes, refused once they inflate past {@code cap} (a zip bomb stops there). */
  private static byte[] readAtMost(ZipInputStream zip, String name, long cap) throws IOException {
    int limit = (int) Math.min(cap, Integer.MAX_VALUE - 8);
    byte[] content = zip.readNBytes(limit);
    if (content.length == limit && zip.read() >= 0) {
      throw new IllegalArgumentException(
          name + " inflates to more than " + limit + " bytes, more than the architecture needs");
    }
    return content;
  }

  /** Checks an array file ND4J will read; with a count, against the network's parameters. */
  private static void checkArray(String name, byte[] content, long parameters) {
    long elements = Nd4jArrayCheck.elements(name, content);
    if (parameters == ANY_PARAMETERS) {
      return;
    }
    if (name.equals(COEFFICIENTS) && elements != parameters) {
      throw new OtherArchitecture(
          name + " holds " + elements + " coefficients, the architecture has " + parameters);
    }
    if (elements > MAX_UPDATER_STATES_PER_PARAMETER * parameters) {
      throw new IllegalArgumentException(
          name + ": " + elements + " values of updater state for " + parameters + " parameters");
    }
  }

  private static byte[] migrateConfiguration(byte[] content) {
    JsonDepth.check(CONFIGURATION, content);
    String json = new String(content, StandardCharsets.UTF_8);
    for (Map.Entry<String, String> moved : MOVED.entrySet()) {
      json = json.replace(moved.getKey(), moved.getValue());
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A well-formed zip whose coefficients do not fit the metadata's architecture: a model trained
   * for another network beside this one's model.json, which the user should hear as such.
   */
  static final class OtherArchitecture extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    OtherArchitecture(String message) {
      super(message);
    }
  }
}
