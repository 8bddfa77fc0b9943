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
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.worker.description.InputShape;

/**
 * Decodes a PNG or JPEG file's bytes into the values the network takes: grey, or RGB planes.
 * Replaces Spark's {@code image} data source, which decodes before anyone can check the size (a
 * small file that declares 30000x30000 pixels is gigabytes of heap in the executor) and lets
 * ImageIO's IOExceptions fail the task: here the size the header declares is checked first, and any
 * failure to decode is one {@link DatasetException} naming the file.
 *
 * <p>For a grey network, grey images give their samples as they are; colour ones (sRGB through
 * ImageIO) their ITU-R BT.601 luma, rounded to a byte, as Spark's image source and {@code
 * ImageStruct} did before. For a colour network, colour images give their red, green and blue
 * planes in that order (alpha dropped); a grey image is refused rather than guessed at, as the
 * network learnt colours. Polarity as in MNIST: 0 is the background.
 */
public final class ImageDecoder {
  private static final double LUMA_BLUE = 0.114;
  private static final double LUMA_GREEN = 0.587;
  private static final double LUMA_RED = 0.299;
  private static final int RGB = 3;

  private ImageDecoder() {}

  /** What to do with an image's reader, its input set and its metadata ignored. */
  private interface ReaderUse<T> {
    T apply(ImageReader reader) throws IOException;
  }

  /**
   * The shape a network for images like {@code bytes} (the file {@code origin}) takes: their height
   * and width, 1 channel for a grey image and 3 (RGB) for a colour one.
   */
  public static InputShape shape(String origin, byte[] bytes) {
    return withReader(
        origin,
        bytes,
        reader -> {
          ImageTypeSpecifier type = reader.getRawImageType(0);
          boolean grey =
              type != null
                  && type.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
          try {
            return new InputShape(reader.getHeight(0), reader.getWidth(0), grey ? 1 : RGB);
          } catch (IllegalArgumentException e) {
            throw new DatasetException(origin, e.getMessage()); // a header's claim, too large
          }
        });
  }

  /**
   * Decodes {@code bytes} (the file {@code origin}) into {@code into[at .. at+channels*rows*cols)},
   * channel after channel.
   */
  static void read(
      String origin, byte[] bytes, int channels, int rows, int cols, float[] into, int at) {
    if (channels != 1 && channels != RGB) {
      throw new DatasetException(
          origin,
          "the model takes "
              + channels
              + " channels; PNG/JPEG images give 1 (grey) or 3 (RGB): use an array column");
    }
    withReader(
        origin,
        bytes,
        reader -> {
          int width = reader.getWidth(0);
          int height = reader.getHeight(0);
          if (height != rows || width != cols) {
            throw new DatasetException(
                origin,
                "image of "
                    + width
                    + "x"
                    + height
                    + " pixels, the model takes "
                    + cols
                    + "x"
                    + rows);
          }
          BufferedImage image = reader.read(0);
          if (channels == 1) {
            grey(image, into, at);
          } else {
            rgb(origin, image, into, at);
          }
          return null;
        });
  }

  /**
   * Runs {@code use} on a reader of {@code bytes}; any failure to read them is one {@link
   * DatasetException} naming {@code origin}.
   */
  private static <T> T withReader(String origin, byte[] bytes, ReaderUse<T> use) {
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
        return use.apply(reader);
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
    boolean isGrey = isGrey(image);
    boolean hasAlpha = image.getColorModel().hasAlpha();
    WritableRaster raster = image.getRaster();
    for (int h = 0; h < image.getHeight(); h++) {
      for (int w = 0; w < width; w++) {
        int grey;
        if (isGrey) {
          grey = raster.getSample(w, h, 0) & 0xff; // the low byte, as Spark's image source
        } else {
          Color color = new Color(image.getRGB(w, h), hasAlpha);
          grey = luma(color.getRed(), color.getGreen(), color.getBlue());
        }
        into[at + h * width + w] = grey * Dataset.PIXEL_SCALE;
      }
    }
  }

  /** ITU-R BT.601 luma of a colour, rounded to a byte. */
  static int luma(int red, int green, int blue) {
    return (int) Math.round(LUMA_BLUE * blue + LUMA_GREEN * green + LUMA_RED * red);
  }

  private static void rgb(String origin, BufferedImage image, float[] into, int at) {
    if (isGrey(image)) {
      throw new DatasetException(
          origin, "a grey image; the model takes colour (RGB) images, 3 channels");
    }
    int width = image.getWidth();
    int plane = width * image.getHeight();
    for (int h = 0; h < image.getHeight(); h++) {
      for (int w = 0; w < width; w++) {
        int argb = image.getRGB(w, h);
        int p = at + h * width + w;
        into[p] = ((argb >> 16) & 0xff) * Dataset.PIXEL_SCALE;
        into[p + plane] = ((argb >> 8) & 0xff) * Dataset.PIXEL_SCALE;
        into[p + 2 * plane] = (argb & 0xff) * Dataset.PIXEL_SCALE;
      }
    }
  }

  private static boolean isGrey(BufferedImage image) {
    return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
  }

  private static DatasetException unreadable(String origin) {
    return new DatasetException(origin, "not a readable image (corrupt or not PNG/JPEG)");
  }
}
