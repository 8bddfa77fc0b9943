package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes {@link IdxReader} with the files a user can hand it: every input ends in one line of
 * {@link DatasetException} or in a result that agrees with its own sizes; any other exception, a
 * hang or an OutOfMemoryError fails. In {@code mvn test} it replays the committed inputs under
 * {@code IdxReaderFuzzTestInputs/}; docs/fuzzing.md says how to fuzz it.
 */
class IdxReaderFuzzTest {
  private static final IdxReader READER = new IdxReader();
  private static final Path FILE = tempFile();

  /**
   * The first byte chooses how the rest is stored: raw (the fuzzer's own bytes, gzip magic
   * included), gzip-compressed (so the fuzzer explores the inflated content) or gzip cut short. Two
   * more pick the range {@code readImages(file, from, to)} reads.
   */
  @FuzzTest(maxDuration = "10m")
  void readIdx(FuzzedDataProvider data) throws IOException {
    int storage = data.consumeInt(0, 2);
    int from = data.consumeInt(-1, 8);
    int to = data.consumeInt(-1, 8);
    byte[] content = data.consumeRemainingAsBytes();
    write(storage, content);
    String file = FILE.toString();

    IdxReader.Images images = refusedOrRead(() -> READER.readImages(file));
    if (images != null) {
      assertEquals((long) images.count() * images.rows() * images.cols(), images.pixels().length);
    }
    refusedOrRead(() -> READER.readLabels(file));
    IdxReader.Images range = refusedOrRead(() -> READER.readImages(file, from, to));
    if (range != null) {
      assertEquals(to - from, range.count());
      assertEquals((long) range.count() * range.rows() * range.cols(), range.pixels().length);
      if (images != null) {
        int size = images.rows() * images.cols();
        assertEquals(
            Arrays.toString(Arrays.copyOfRange(images.pixels(), from * size, to * size)),
            Arrays.toString(range.pixels()));
      }
    }
  }

  private static void write(int storage, byte[] content) throws IOException {
    if (storage == 0) {
      Files.write(FILE, content);
      return;
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(FILE))) {
      out.write(content);
    }
    if (storage == 2) {
      byte[] gzip = Files.readAllBytes(FILE);
      Files.write(FILE, Arrays.copyOf(gzip, gzip.length / 2));
    }
  }

  interface Read<T> {
    T run();
  }

  /** The result, or null after a refusal whose message is one non-empty line. */
  static <T> T refusedOrRead(Read<T> read) {
    try {
      return read.run();
    } catch (DatasetException e) {
      String message = e.getMessage();
      assertFalse(message == null || message.isBlank(), "empty message");
      assertEquals(1, message.lines().count(), message);
      return null;
    }
  }

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("idx-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("input-idx-ubyte");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
