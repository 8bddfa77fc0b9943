package snnspark.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import snnspark.driver.io.UserException;

/**
 * Fuzzes {@link ModelStore#load} with the files a user can point it at: {@code model.json}, read by
 * Jackson into {@link ModelMetadata}, and {@code model.zip}, read by {@link Dl4jModelFiles}. Every
 * input ends in one line of {@link UserException} or in a loaded model; any other exception, a hang
 * or an OutOfMemoryError fails. The committed inputs under {@code ModelStoreFuzzTestInputs/} (the
 * {@link TinyModel}'s two files) are replayed by {@code mvn test}; docs/fuzzing.md says how to
 * fuzz.
 */
class ModelStoreFuzzTest {
  private static final byte[] JSON = TinyModel.metadataJson();
  private static final byte[] ZIP = TinyModel.zip();
  private static final Path DIR = tempDir();
  private static final ModelStore STORE = new ModelStore(new Configuration());

  /**
   * The first byte says which file the rest is: even, {@code model.json} beside the tiny model's
   * zip; odd, {@code model.zip} beside its metadata.
   */
  @FuzzTest(maxDuration = "10m")
  void load(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    byte[] file = Arrays.copyOfRange(input, 1, input.length);
    boolean zip = (input[0] & 1) == 1;
    Files.write(DIR.resolve("model.json"), zip ? JSON : file);
    Files.write(DIR.resolve("model.zip"), zip ? file : ZIP);
    try {
      STORE.load(DIR.resolve("model.zip").toString());
    } catch (UserException e) {
      String message = e.getMessage();
      assertFalse(message == null || message.isBlank(), "empty message");
      assertEquals(1, message.lines().count(), message);
    }
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("model-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
