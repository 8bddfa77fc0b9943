package snnspark.datasets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads IDX files (raw or gzip-compressed) through the Hadoop {@link FileSystem} API, so plain
 * paths, {@code file:}, {@code hdfs://} and {@code s3a://} URIs all work.
 *
 * <p>The IDX header is a magic number {@code 0x0000TTNN} (TT the element type, 0x08 for unsigned
 * bytes; NN the number of dimensions) followed by NN big-endian int32 sizes. Everything the header
 * promises is checked against what the file holds.
 */
public final class IdxReader {
  /** IDX element type code for unsigned bytes, the only type MNIST-like files use. */
  static final int TYPE_UNSIGNED_BYTE = 0x08;

  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;

  private final Configuration hadoopConf;

  /** A reader that resolves file systems with the given Hadoop configuration. */
  public IdxReader(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /** A reader with a default Hadoop configuration (local files, and anything on the classpath). */
  public IdxReader() {
    this(new Configuration());
  }

  /** An image file: {@code count} images of {@code rows x cols} unsigned bytes, row-major. */
  public record Images(String file, int count, int rows, int cols, byte[] pixels) {}

  /** Reads an image file (magic {@code 0x00000803}). */
  public Images readImages(String file) {
    Idx idx = read(file, 3);
    return new Images(file, idx.dims[0], idx.dims[1], idx.dims[2], idx.data);
  }

  /** Reads a label file (magic {@code 0x00000801}); the labels are returned as unsigned bytes. */
  public byte[] readLabels(String file) {
    return read(file, 1).data;
  }

  /**
   * Images {@code [from, to)} of an image file, read without loading the rest: a raw file is read
   * by seeking, a gzip one by streaming past the images before {@code from}. Only what is read is
   * checked; validate the whole file once (on the driver) with {@link #readImages(String)} or
   * {@link #imageCount(String)}.
   */
  public Images readImages(String file, int from, int to) {
    Path path = new Path(file);
    try (FSDataInputStream raw = path.getFileSystem(hadoopConf).open(path)) {
      InputStream in = raw;
      byte[] magic = new byte[2];
      raw.readFully(0, magic);
      if ((magic[0] & 0xff) == GZIP_MAGIC_0 && (magic[1] & 0xff) == GZIP_MAGIC_1) {
        in = new GZIPInputStream(raw, 1 << 16);
      }
      DataInputStream data = new DataInputStream(in);
      int magicNumber = data.readInt();
      if (magicNumber != ((TYPE_UNSIGNED_BYTE << 8) | 3)) {
        throw new DatasetException(file, String.format("wrong magic number 0x%08X", magicNumber));
      }
      int count = data.readInt();
      int rows = data.readInt();
      int cols = data.readInt();
      if (from < 0 || to > count || from > to) {
        throw new DatasetException(
            file, "images [" + from + ", " + to + ") of " + count + " requested");
      }
      long size = (long) rows * cols;
      long skip = from * size;
      if (in == raw) {
        raw.seek(16 + skip);
      } else {
        data.skipNBytes(skip);
      }
      byte[] pixels = new byte[(int) ((to - from) * size)];
      data.readFully(pixels);
      return new Images(file, to - from, rows, cols, pixels);
    } catch (EOFException e) {
      throw new DatasetException(file, "truncated data", e);
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private record Idx(int[] dims, byte[] data) {}

  private Idx read(String file, int expectedDims) {
    byte[] bytes = readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes); // big-endian, as IDX is
    int nDims = checkMagic(file, bytes, buf, expectedDims);
    if (bytes.length < 4 + 4 * nDims) {
      throw new DatasetException(
          file, "truncated IDX header: " + bytes.length + " bytes, " + (4 + 4 * nDims) + " needed");
    }
    int[] dims = new int[nDims];
    long elements = 1;
    for (int d = 0; d < nDims; d++) {
      dims[d] = buf.getInt();
      if (dims[d] < 0) {
        throw new DatasetException(file, "negative size " + dims[d] + " in dimension " + d);
      }
      elements *= dims[d];
    }
    long available = bytes.length - (long) buf.position();
    if (available < elements) {
      throw new DatasetException(
          file,
          String.format(
              "truncated data: header promises %d bytes, file holds %d", elements, available));
    }
    if (available > elements) {
      throw new DatasetException(
          file,
          String.format(
              "trailing garbage: %d bytes after the %d the header promises",
              available - elements, elements));
    }
    byte[] data = new byte[(int) elements];
    buf.get(data);
    return new Idx(dims, data);
  }

  /** Reads the magic number and returns the dimension count, failing unless it is expected. */
  private static int checkMagic(String file, byte[] bytes, ByteBuffer buf, int expectedDims) {
    int expectedMagic = (TYPE_UNSIGNED_BYTE << 8) | expectedDims;
    if (bytes.length < 4) {
      throw new DatasetException(file, "truncated IDX file: " + bytes.length + " bytes, no header");
    }
    int magic = buf.getInt();
    if ((magic >>> 16) != 0) {
      throw new DatasetException(
          file,
          String.format(
              "wrong magic number 0x%08X, expected 0x%08X (not an IDX file)",
              magic, expectedMagic));
    }
    int type = (magic >>> 8) & 0xff;
    int nDims = magic & 0xff;
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new DatasetException(
          file,
          String.format(
              "wrong magic number 0x%08X: element type 0x%02X, expected 0x08 (unsigned byte)",
              magic, type));
    }
    if (nDims != expectedDims) {
      throw new DatasetException(
          file,
          String.format(
              "wrong dimension count %d (magic 0x%08X), expected %d for %s",
              nDims, magic, expectedDims, expectedDims == 3 ? "an image file" : "a label file"));
    }
    return nDims;
  }

  private byte[] readAllBytes(String file) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(path)) {
        throw new DatasetException(file, "file not found");
      }
      if (fs.getFileStatus(path).isDirectory()) {
        throw new DatasetException(file, "is a directory, expected an IDX file");
      }
      try (FSDataInputStream in = fs.open(path)) {
        byte[] raw = in.readAllBytes();
        if (raw.length >= 2 && (raw[0] & 0xff) == GZIP_MAGIC_0 && (raw[1] & 0xff) == GZIP_MAGIC_1) {
          return gunzip(file, raw);
        }
        return raw;
      }
    } catch (FileNotFoundException e) {
      throw new DatasetException(file, "file not found", e);
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static byte[] gunzip(String file, byte[] raw) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new DatasetException(file, "corrupt gzip data: " + e.getMessage(), e);
    }
  }
}
