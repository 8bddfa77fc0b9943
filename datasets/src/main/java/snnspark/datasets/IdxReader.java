package snnspark.datasets;

import java.io.BufferedInputStream;
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

  /** The longest array the JVM allocates. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Trailing bytes counted (and for gzip, inflated) before a report says "more than". */
  static final int TRAILING_CAP = 1 << 20;

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
    Path path = HadoopPath.of(file);
    try (FSDataInputStream raw = HadoopPath.fileSystem(path, hadoopConf).open(path)) {
      long fileLength = HadoopPath.fileSystem(path, hadoopConf).getFileStatus(path).getLen();
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
      if (rows < 0 || cols < 0) {
        throw new DatasetException(file, "negative image size " + rows + "x" + cols);
      }
      // Refused before allocating: the declared range must fit one array (and the seek a long).
      long size = declaredBytes(file, declaredBytes(file, 1, rows), cols);
      long length = declaredBytes(file, size, to - from);
      long skip = from * size;
      if (in == raw) {
        if (16 + skip + length > fileLength) {
          throw new DatasetException(file, "truncated data");
        }
        raw.seek(16 + skip);
      } else {
        data.skipNBytes(skip);
      }
      // readNBytes grows its buffer with what it reads: a gzip that holds less costs no more.
      byte[] pixels = data.readNBytes((int) length);
      if (pixels.length < length) {
        throw new DatasetException(file, "truncated data");
      }
      return new Images(file, to - from, rows, cols, pixels);
    } catch (EOFException e) {
      throw new DatasetException(file, "truncated data", e);
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private record Idx(int[] dims, byte[] data) {}

  private Idx read(String file, int expectedDims) {
    Path path = HadoopPath.of(file);
    try {
      FileSystem fs = HadoopPath.fileSystem(path, hadoopConf);
      if (!fs.exists(path)) {
        throw new DatasetException(file, "file not found");
      }
      if (fs.getFileStatus(path).isDirectory()) {
        throw new DatasetException(file, "is a directory, expected an IDX file");
      }
      try (FSDataInputStream in = fs.open(path)) {
        return read(file, in, expectedDims);
      }
    } catch (FileNotFoundException e) {
      throw new DatasetException(file, "file not found", e);
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses an IDX file (raw or gzip) from {@code stream}. Streams rather than loading the file
   * first, so that memory is bounded by what the header declares: a header that claims more than
   * the file holds is refused without allocating its claim, and a gzip stream is inflated no
   * further than the declared size (plus {@link #TRAILING_CAP} to report trailing garbage).
   */
  static Idx read(String file, InputStream stream, int expectedDims) {
    BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
    boolean gzip = false;
    try {
      gzip = isGzip(buffered);
      InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      byte[] magic = in.readNBytes(4);
      int nDims = checkMagic(file, magic, expectedDims);
      byte[] header = in.readNBytes(4 * nDims);
      if (header.length < 4 * nDims) {
        throw new DatasetException(
            file,
            "truncated IDX header: "
                + (magic.length + header.length)
                + " bytes, "
                + (4 + 4 * nDims)
                + " needed");
      }
      ByteBuffer buf = ByteBuffer.wrap(header); // big-endian, as IDX is
      int[] dims = new int[nDims];
      long elements = 1;
      for (int d = 0; d < nDims; d++) {
        dims[d] = buf.getInt();
        if (dims[d] < 0) {
          throw new DatasetException(file, "negative size " + dims[d] + " in dimension " + d);
        }
        elements = declaredBytes(file, elements, dims[d]);
      }
      // readNBytes grows its buffer with what it reads, so a false claim costs nothing.
      byte[] data = in.readNBytes((int) elements);
      if (data.length < elements) {
        throw new DatasetException(
            file,
            String.format(
                "truncated data: header promises %d bytes, file holds %d", elements, data.length));
      }
      long trailing = countRest(in);
      if (trailing > 0) {
        throw new DatasetException(
            file,
            String.format(
                "trailing garbage: %s bytes after the %d the header promises",
                trailing > TRAILING_CAP ? "more than " + TRAILING_CAP : trailing, elements));
      }
      return new Idx(dims, data);
    } catch (IOException e) {
      String problem = gzip ? "corrupt gzip data: " : "cannot read: ";
      throw new DatasetException(file, problem + e.getMessage(), e);
    }
  }

  /**
   * {@code soFar * size}, the bytes the header declares so far; refused past what one Java array
   * holds (and so before a product of int sizes can overflow a long).
   */
  private static long declaredBytes(String file, long soFar, int size) {
    long product = soFar * size;
    if (product > MAX_ARRAY) {
      throw new DatasetException(
          file,
          String.format(
              "header declares more than %d bytes of data, more than one array holds", MAX_ARRAY));
    }
    return product;
  }

  /** Bytes left in {@code in}, counted up to just past {@link #TRAILING_CAP}. */
  private static long countRest(InputStream in) throws IOException {
    byte[] sink = new byte[8192];
    long count = 0;
    for (int n; count <= TRAILING_CAP && (n = in.read(sink)) >= 0; ) {
      count += n;
    }
    return count;
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
  }

  /** Checks the magic number and returns the dimension count, failing unless it is expected. */
  private static int checkMagic(String file, byte[] bytes, int expectedDims) {
    int expectedMagic = (TYPE_UNSIGNED_BYTE << 8) | expectedDims;
    if (bytes.length < 4) {
      throw new DatasetException(file, "truncated IDX file: " + bytes.length + " bytes, no header");
    }
    int magic = ByteBuffer.wrap(bytes).getInt();
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
}
