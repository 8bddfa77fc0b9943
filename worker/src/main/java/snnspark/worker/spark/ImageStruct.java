package snnspark.worker.spark;

import org.apache.spark.sql.Row;
import snnspark.datasets.DatasetException;

/**
 * Reads an image of Spark's {@code image} data source (fields origin, height, width, nChannels,
 * mode, data; pixels row-major, channels interleaved in OpenCV's BGR(A) order) as grey values:
 * colour through ITU-R BT.601 luma, rounded to a byte, so a grey PNG reads back exactly the bytes
 * it was written from. Polarity as in MNIST: 0 is the background.
 */
final class ImageStruct {
  private static final double LUMA_BLUE = 0.114;
  private static final double LUMA_GREEN = 0.587;
  private static final double LUMA_RED = 0.299;
  private static final float BYTE_SCALE = 1f / 255f;

  private ImageStruct() {}

  static void read(Row image, PixelSource source, float[] into, int at) {
    String origin = image.getString(image.fieldIndex("origin"));
    int height = image.getInt(image.fieldIndex("height"));
    int width = image.getInt(image.fieldIndex("width"));
    int channels = image.getInt(image.fieldIndex("nChannels"));
    byte[] data = (byte[]) image.get(image.fieldIndex("data"));
    if (height < 0 || data == null || data.length == 0) {
      throw new DatasetException(origin, "not a readable image (corrupt or not PNG/JPEG)");
    }
    if (height != source.rows() || width != source.cols()) {
      throw new DatasetException(
          origin,
          "image of "
              + width
              + "x"
              + height
              + " pixels, the model takes "
              + source.cols()
              + "x"
              + source.rows());
    }
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new DatasetException(origin, channels + " channels; expected grey, BGR or BGRA");
    }
    for (int p = 0; p < height * width; p++) {
      int grey;
      if (channels == 1) {
        grey = data[p] & 0xff;
      } else {
        int o = p * channels;
        grey =
            (int)
                Math.round(
                    LUMA_BLUE * (data[o] & 0xff)
                        + LUMA_GREEN * (data[o + 1] & 0xff)
                        + LUMA_RED * (data[o + 2] & 0xff));
      }
      into[at + p] = grey * BYTE_SCALE;
    }
  }
}
