package snnspark.worker.spark;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import snnspark.datasets.DatasetException;

/**
 * Decodes a PNG or JPEG file's bytes into the grey values the network takes. Replaces Spark's
 * {@code image} data source, which decodes before anyone can check the size (a small file that
 * declares 30000x30000 pixels is gigabytes of heap in the executor) and lets ImageIO's IOExceptions
 * fail the task: here the size the header declares is checked first, and any failure to decode is
 * one {@link DatasetException} naming the file.
 *
 * <p>Grey images give their samples as they are; colour ones (sRGB through ImageIO) their ITU-R
 * BT.601 luma, rounded to a byte, as Spark's image source and {@code ImageStruct} did before.
 * Polarity as in MNIST: 0 is the background.
 */
final class ImageDecoder {
  private static final double LUMA_BLUE = 0.114;
  private static final double LUMA_GREEN = 0.587;
  private static final double LUMA_RED = 0.299;
  private static final float BYTE_SCALE = 1f / 255f;

  private ImageDecoder() {}

  /** Decodes {@code bytes} (the file {@code origin}) into {@code into[at .. at+rows*cols)}. */
  static void read(String origin, byte[] bytes, int rows, int cols, float[] into, int at) {
    if (bytes == null || bytes.length == 0) {
      throw unreadable(origin);
    }
    // In memory: ImageIO's default cache would write a temporary file per image.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw unreadable(origin);
      }
      ImageReader reader = readers.next();
      try {
        // Metadata ignored: the image's own chunks (text, ICC profiles) cannot claim memory.
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (height != rows || width != cols) {
          throw new DatasetException(
              origin,
              "image of " + width + "x" + height + " pixels, the model takes " + cols + "x" + rows);
        }
        grey(reader.read(0), into, at);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatasetException expected) {
        throw expected;
      }
      // ImageIO's decoders fail on corrupt data with IIOException and with runtime exceptions of
      // any kind (index out of bounds, illegal argument, ...): all mean the same to the user.
      throw unreadable(origin);
    }
  }

  private static void grey(BufferedImage image, float[] into, int at) {
    int width = image.getWidth();
    boolean isGrey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    boolean hasAlpha = image.getColorModel().hasAlpha();
    WritableRaster raster = image.getRaster();
    for (int h = 0; h < image.getHeight(); h++) {
      for (int w = 0; w < width; w++) {
        int grey;
        if (isGrey) {
          grey = raster.getSample(w, h, 0) & 0xff; // the low byte, as Spark's image source
        } else {
          Color color = new Color(image.getRGB(w, h), hasAlpha);
          grey =
              (int)
                  Math.round(
                      LUMA_BLUE * color.getBlue()
                          + LUMA_GREEN * color.getGreen()
                          + LUMA_RED * color.getRed());
        }
        into[at + h * width + w] = grey * BYTE_SCALE;
      }
    }
  }

  private static DatasetException unreadable(String origin) {
    return new DatasetException(origin, "not a readable image (corrupt or not PNG/JPEG)");
  }
}
