package snnspark.worker.spark;

import org.apache.spark.sql.Row;
import snnspark.datasets.Dataset;

/**
 * Reads a row of Spark's {@code image} data source ({@code ImageSchema}: {@code origin}, {@code
 * height}, {@code width}, {@code nChannels}, {@code mode}, {@code data}), whose pixels are bytes
 * interleaved per pixel in OpenCV's order, BGR or BGRA, or one grey byte. A colour network takes
 * them as RGB planes; a grey network takes a colour image's BT.601 luma, as {@link ImageDecoder}
 * does for files; a colour network refuses a grey image.
 */
final class SparkImageStruct {
  /** The struct fields that tell Spark's image struct from other structs. */
  static final String CHANNELS = "nChannels";

  private SparkImageStruct() {}

  static void read(Row image, PixelSource source, String rowName, float[] into, int at) {
    int height;
    int width;
    int channels;
    byte[] data;
    try {
      for (String field : new String[] {"height", "width", CHANNELS, "data"}) {
        if (image.isNullAt(image.fieldIndex(field))) {
          throw source.problem(rowName, "an image struct whose " + field + " is null");
        }
      }
      height = image.getInt(image.fieldIndex("height"));
      width = image.getInt(image.fieldIndex("width"));
      channels = image.getInt(image.fieldIndex(CHANNELS));
      data = (byte[]) image.get(image.fieldIndex("data"));
    } catch (IllegalArgumentException | ClassCastException e) { // fields missing, or of a type
      throw source.problem(rowName, "not an image struct: " + e.getMessage());
    }
    if (height != source.rows() || width != source.cols()) {
      throw source.problem(
          rowName,
          "image of "
              + width
              + "x"
              + height
              + " pixels, the model takes "
              + source.cols()
              + "x"
              + source.rows());
    }
    if (channels < 1 || channels == 2 || channels > 4 || data.length != height * width * channels) {
      throw source.problem(
          rowName, channels + " channels and " + data.length + " bytes: not an image struct");
    }
    if (source.channels() == 3 && channels == 1) {
      throw source.problem(
          rowName, "a grey image; the model takes colour (RGB) images, 3 channels");
    }
    int plane = height * width;
    for (int p = 0; p < plane; p++) {
      int at8 = p * channels;
      if (channels == 1) {
        into[at + p] = (data[at8] & 0xff) * Dataset.PIXEL_SCALE;
        continue;
      }
      int blue = data[at8] & 0xff;
      int green = data[at8 + 1] & 0xff;
      int red = data[at8 + 2] & 0xff;
      if (source.channels() == 1) {
        into[at + p] = ImageDecoder.luma(red, green, blue) * Dataset.PIXEL_SCALE;
      } else {
        into[at + p] = red * Dataset.PIXEL_SCALE;
        into[at + plane + p] = green * Dataset.PIXEL_SCALE;
        into[at + 2 * plane + p] = blue * Dataset.PIXEL_SCALE;
      }
    }
  }
}
