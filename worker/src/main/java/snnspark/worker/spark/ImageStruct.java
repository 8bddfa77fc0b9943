package snnspark.worker.spark;

import org.apache.spark.sql.Row;

/**
 * Reads an image file as a table row keeps it: a struct of {@code origin} (the file's path or URI,
 * for messages) and {@code data} (the file's bytes, as Spark's {@code binaryFile} source reads
 * them), decoded by {@link ImageDecoder} into the values the network takes.
 */
final class ImageStruct {
  /** The struct field that names the file. */
  static final String ORIGIN = "origin";

  /** The struct field that holds the file's bytes. */
  static final String DATA = "data";

  private ImageStruct() {}

  static void read(Row image, PixelSource source, float[] into, int at) {
    String origin = image.getString(image.fieldIndex(ORIGIN));
    byte[] data = (byte[]) image.get(image.fieldIndex(DATA));
    ImageDecoder.read(origin, data, source.channels(), source.rows(), source.cols(), into, at);
  }
}
