package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path dir;

  private final IdxReader reader = new IdxReader();

  @ParameterizedTest
  @ValueSource(strings = {"images-idx3-ubyte", "images-idx3-ubyte.gz"})
  void imagesRoundTrip(String name) {
    byte[] pixels = IdxFiles.rampPixels(5 * 4 * 3);
    Path file = IdxFiles.write(dir.resolve(name), IdxFiles.images(5, 4, 3, pixels));

    IdxReader.Images images = reader.readImages(file.toString());

    assertEquals(5, images.count());
    assertEquals(4, images.rows());
    assertEquals(3, images.cols());
    assertArrayEquals(pixels, images.pixels());
  }

  @ParameterizedTest
  @ValueSource(strings = {"labels-idx1-ubyte", "labels-idx1-ubyte.gz"})
  void labelsRoundTrip(String name) {
    byte[] labels = IdxFiles.cyclingLabels(23);
    Path file = IdxFiles.write(dir.resolve(name), IdxFiles.labels(labels));

    assertArrayEquals(labels, reader.readLabels(file.toString()));
  }

  @Test
  void missingFile() {
    String file = dir.resolve("nope-idx3-ubyte").toString();
    assertProblem(file, "file not found", () -> reader.readImages(file));
  }

  @Test
  void wrongMagic() {
    Path file = IdxFiles.write(dir.resolve("x"), IdxFiles.concat("PK\3\4xxxxxxxxxxxx".getBytes()));
    assertProblem(file.toString(), "wrong magic number", () -> reader.readImages(file.toString()));
  }

  @Test
  void wrongElementType() {
    Path file =
        IdxFiles.write(
            dir.resolve("x"), IdxFiles.concat(IdxFiles.header(0x0D03, 1, 1, 1), new byte[4]));
    assertProblem(file.toString(), "element type 0x0D", () -> reader.readImages(file.toString()));
  }

  @Test
  void labelFileGivenAsImages() {
    Path file = IdxFiles.write(dir.resolve("x"), IdxFiles.labels(new byte[] {1, 2}));
    assertProblem(
        file.toString(), "wrong dimension count 1", () -> reader.readImages(file.toString()));
  }

  @Test
  void truncatedHeader() {
    Path file = IdxFiles.write(dir.resolve("x"), IdxFiles.concat(IdxFiles.header(0x803, 10)));
    assertProblem(
        file.toString(), "truncated IDX header", () -> reader.readImages(file.toString()));
  }

  @Test
  void truncatedData() {
    byte[] full = IdxFiles.images(4, 2, 2, IdxFiles.rampPixels(16));
    Path file = IdxFiles.write(dir.resolve("x.gz"), java.util.Arrays.copyOf(full, full.length - 3));
    assertProblem(
        file.toString(),
        "truncated data: header promises 16 bytes, file holds 13",
        () -> reader.readImages(file.toString()));
  }

  @Test
  void trailingGarbage() {
    byte[] full = IdxFiles.images(4, 2, 2, IdxFiles.rampPixels(16));
    Path file = IdxFiles.write(dir.resolve("x"), IdxFiles.concat(full, new byte[] {1, 2}));
    assertProblem(
        file.toString(), "trailing garbage: 2 bytes", () -> reader.readImages(file.toString()));
  }

  @Test
  void corruptGzip() {
    byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
    Path file = IdxFiles.write(dir.resolve("x"), gz);
    assertProblem(file.toString(), "corrupt gzip data", () -> reader.readImages(file.toString()));
  }

  @Test
  void headerClaimingMoreThanAnArrayIsRefusedBeforeAllocating() {
    byte[] claim = IdxFiles.concat(IdxFiles.header(0x803, Integer.MAX_VALUE, 28, 28), new byte[10]);
    Path file = IdxFiles.write(dir.resolve("x"), claim);
    assertProblem(
        file.toString(), "more than one array holds", () -> reader.readImages(file.toString()));
  }

  @Test
  void sizesWhoseProductWrapsAroundAreRefused() {
    // 2^21 * 2^21 * 2^22 = 2^64, which a long multiplication turns into 0 bytes of data.
    Path file = IdxFiles.write(dir.resolve("x"), IdxFiles.header(0x803, 1 << 21, 1 << 21, 1 << 22));
    assertProblem(
        file.toString(), "more than one array holds", () -> reader.readImages(file.toString()));
  }

  @Test
  void gzipInflatingPastTheDeclaredSizeIsCutOff() {
    // 64 MiB of zeros after one 1x1 image: about 64 KiB once gzipped (write gzips a .gz).
    byte[] bomb = IdxFiles.concat(IdxFiles.images(1, 1, 1, new byte[] {7}), new byte[64 << 20]);
    Path file = IdxFiles.write(dir.resolve("x.gz"), bomb);
    assertProblem(
        file.toString(),
        "trailing garbage: more than 1048576 bytes after the 1",
        () -> reader.readImages(file.toString()));
  }

  @Test
  void negativeImageSizeInARangeIsRefused() {
    Path file = IdxFiles.write(dir.resolve("x"), IdxFiles.header(0x803, 2, -1, 4));
    assertProblem(
        file.toString(), "negative image size", () -> reader.readImages(file.toString(), 0, 1));
  }

  @Test
  void directoryInsteadOfFile() {
    assertProblem(dir.toString(), "is a directory", () -> reader.readLabels(dir.toString()));
  }

  /** The message is one line that starts with the file and says the problem. */
  static void assertProblem(String file, String problem, Runnable action) {
    DatasetException e = assertThrows(DatasetException.class, action::run);
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
