package snnspark.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, well-formed or broken on purpose. */
public final class IdxFiles {
  private IdxFiles() {}

  /** Header bytes: magic then sizes, big-endian. */
  public static byte[] header(int magic, int... dims) {
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length);
    buf.putInt(magic);
    for (int d : dims) {
      buf.putInt(d);
    }
    return buf.array();
  }

  /** A well-formed image file's bytes. */
  public static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return concat(header(0x803, count, rows, cols), pixels);
  }

  /** A well-formed label file's bytes. */
  public static byte[] labels(byte[] labels) {
    return concat(header(0x801, labels.length), labels);
  }

  /** Deterministic pixels: a ramp that covers 0..255. */
  public static byte[] rampPixels(int n) {
    byte[] p = new byte[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (i * 7);
    }
    return p;
  }

  /** Labels 0..9 cycling. */
  public static byte[] cyclingLabels(int n) {
    byte[] l = new byte[n];
    for (int i = 0; i < n; i++) {
      l[i] = (byte) (i % 10);
    }
    return l;
  }

  /** Concatenates byte arrays. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Writes {@code bytes} to {@code file}, gzipped when the name ends in {@code .gz}. */
  public static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out =
          file.toString().endsWith(".gz")
              ? new GZIPOutputStream(Files.newOutputStream(file))
              : Files.newOutputStream(file)) {
        out.write(bytes);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a small well-formed dataset split into {@code dir}; returns what it wrote. */
  public static Dataset writeSplit(
      Path dir, Split split, int count, int rows, int cols, boolean gz) {
    return writeSplit(dir, split, count, rows, cols, cyclingLabels(count), gz);
  }

  /** Writes a small split of these labels into {@code dir}; returns what it wrote. */
  public static Dataset writeSplit(
      Path dir, Split split, int count, int rows, int cols, byte[] labels, boolean gz) {
    byte[] pixels = rampPixels(count * rows * cols);
    String suffix = gz ? ".gz" : "";
    write(dir.resolve(split.imagesFile() + suffix), images(count, rows, cols, pixels));
    write(dir.resolve(split.labelsFile() + suffix), labels(labels));
    return Dataset.labelled("test", count, rows, cols, pixels, labels);
  }
}
