package snnspark.driver.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Checks an array file of a DL4J zip ({@code coefficients.bin}, {@code updaterState.bin}) before
 * ND4J reads it. ND4J's format is two buffers, the shape information and the data, each written as
 * an allocation mode (UTF), an element count (long), a type name (UTF) and the elements; ND4J
 * allocates the count it reads before reading the elements, and indexes the data by the shape
 * without checking it. So a file of a few bytes could make it allocate gigabytes, or read native
 * memory past the buffer. Here both buffers must fit the bytes the file holds, exactly, and the
 * shape must address only the data it comes with.
 */
final class Nd4jArrayCheck {
  /** ND4J's element sizes, by the type names its buffers write. */
  private static final Map<String, Integer> ELEMENT_BYTES =
      Map.ofEntries(
          Map.entry("DOUBLE", 8),
          Map.entry("FLOAT", 4),
          Map.entry("HALF", 2),
          Map.entry("BFLOAT16", 2),
          Map.entry("LONG", 8),
          Map.entry("INT", 4),
          Map.entry("SHORT", 2),
          Map.entry("BYTE", 1),
          Map.entry("UBYTE", 1),
          Map.entry("BOOL", 1),
          Map.entry("UINT16", 2),
          Map.entry("UINT32", 4),
          Map.entry("UINT64", 8));

  /** ND4J's largest rank. */
  private static final int MAX_RANK = 32;

  private static final char C_ORDER = 'c';
  private static final char F_ORDER = 'f';

  private Nd4jArrayCheck() {}

  /**
   * The data elements of the array file {@code entry}, after checking that ND4J reads no more than
   * {@code bytes} holds; fails with an {@link IllegalArgumentException} naming the entry.
   */
  static long elements(String entry, byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      long[] shape = longs(entry, in, readBuffer(entry, in, bytes.length));
      Buffer data = readBuffer(entry, in, bytes.length);
      in.skipNBytes(data.bytes());
      if (in.available() > 0) {
        throw refused(entry, in.available() + " bytes after the array");
      }
      checkShape(entry, shape, data.length());
      return data.length();
    } catch (IOException e) { // EOFException, UTFDataFormatException: the file is cut or corrupt
      throw refused(entry, "not an ND4J array (" + e.getClass().getSimpleName() + ")");
    }
  }

  private record Buffer(long length, int elementBytes) {
    long bytes() {
      return length * elementBytes;
    }
  }

  /** A buffer's header, checked to promise no more elements than the file has bytes left. */
  private static Buffer readBuffer(String entry, DataInputStream in, int fileBytes)
      throws IOException {
    in.readUTF(); // allocation mode: how ND4J allocated it, not what it holds
    long length = in.readLong();
    String type = in.readUTF();
    Integer elementBytes = ELEMENT_BYTES.get(type);
    if (elementBytes == null) {
      throw refused(entry, "unknown element type '" + printable(type) + "'");
    }
    if (length < 0 || length > in.available() / elementBytes) {
      throw refused(
          entry,
          "a buffer of " + length + " " + type + " elements in a file of " + fileBytes + " bytes");
    }
    return new Buffer(length, elementBytes);
  }

  /** The shape buffer's values (integers of 4 or 8 bytes). */
  private static long[] longs(String entry, DataInputStream in, Buffer shape) throws IOException {
    if (shape.elementBytes() != 4 && shape.elementBytes() != 8 || shape.length() > 2L * 32 + 4) {
      throw refused(entry, "not an ND4J shape");
    }
    long[] values = new long[(int) shape.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = shape.elementBytes() == 8 ? in.readLong() : in.readInt();
    }
    return values;
  }

  /**
   * ND4J's shape information: rank, sizes, strides, extras, element-wise stride, order. Every
   * element it addresses must lie in the data, and the data must be all it addresses.
   */
  private static void checkShape(String entry, long[] shape, long dataLength) {
    if (shape.length < 4
        || shape[0] < 0
        || shape[0] > MAX_RANK
        || shape.length != 2 * shape[0] + 4) {
      throw refused(entry, "not an ND4J shape");
    }
    int rank = (int) shape[0];
    long order = shape[shape.length - 1];
    if (order != C_ORDER && order != F_ORDER) {
      throw refused(entry, "not an ND4J shape (order " + order + ")");
    }
    long length = 1;
    long lastOffset = 0;
    for (int d = 0; d < rank; d++) {
      long size = shape[1 + d];
      long stride = shape[1 + rank + d];
      if (size < 0 || stride < 0 || size > dataLength) {
        throw refused(entry, "not an ND4J shape (size " + size + ", stride " + stride + ")");
      }
      length = size == 0 ? 0 : length * size; // each factor is at most dataLength: no overflow
      if (length > dataLength) {
        break;
      }
      if (size > 0) { // terms of at most 2^62 added to at most dataLength: no overflow
        lastOffset = Math.min(dataLength, lastOffset + (size - 1) * Math.min(stride, dataLength));
      }
    }
    if (length != dataLength || (length > 0 && lastOffset >= dataLength)) {
      throw refused(
          entry, "its shape addresses other elements than the " + dataLength + " it holds");
    }
  }

  private static String printable(String s) {
    String cut = s.length() > 20 ? s.substring(0, 20) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static IllegalArgumentException refused(String entry, String why) {
    return new IllegalArgumentException(entry + ": " + why);
  }
}
