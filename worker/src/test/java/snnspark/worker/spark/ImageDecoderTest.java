package snnspark.worker.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;
import snnspark.worker.description.InputShape;

class ImageDecoderTest {
  private static final float BYTE = 1f / 255f;

  /** A 2x1 PNG: pixel (0,0) red 10, green 20, blue 30; pixel (1,0) 200, 100, 0. */
  private static byte[] colourPng() throws IOException {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, (10 << 16) | (20 << 8) | 30);
    image.setRGB(1, 0, (200 << 16) | (100 << 8));
    return png(image);
  }

  private static byte[] greyPng() throws IOException {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(0, 0, 0, 7);
    image.getRaster().setSample(1, 0, 0, 250);
    return png(image);
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  void aColourNetworkTakesTheRedGreenAndBluePlanesInThatOrder() throws IOException {
    float[] into = new float[1 + 6];
    ImageDecoder.read("a.png", colourPng(), 3, 1, 2, into, 1);
    assertArrayEquals(
        new float[] {0, 10 * BYTE, 200 * BYTE, 20 * BYTE, 100 * BYTE, 30 * BYTE, 0}, into);
  }

  @Test
  void aGreyNetworkTakesTheLumaOfAColourImageAndTheSamplesOfAGreyOne() throws IOException {
    float[] into = new float[2];
    ImageDecoder.read("a.png", colourPng(), 1, 1, 2, into, 0);
    // BT.601: 0.299 R + 0.587 G + 0.114 B, rounded to a byte.
    assertEquals(Math.round(0.299 * 10 + 0.587 * 20 + 0.114 * 30) * BYTE, into[0]);
    assertEquals(Math.round(0.299 * 200 + 0.587 * 100) * BYTE, into[1]);
    ImageDecoder.read("b.png", greyPng(), 1, 1, 2, into, 0);
    assertArrayEquals(new float[] {7 * BYTE, 250 * BYTE}, into);
  }

  @Test
  void theShapeOfANetworkForAnImageIsItsSizeWithOneChannelForGreyAndThreeForColour()
      throws IOException {
    assertEquals(new InputShape(1, 2, 3), ImageDecoder.shape("a.png", colourPng()));
    assertEquals(new InputShape(1, 2, 1), ImageDecoder.shape("b.png", greyPng()));
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> ImageDecoder.shape("c.png", new byte[] {1, 2, 3}));
    assertEquals("c.png: not a readable image (corrupt or not PNG/JPEG)", e.getMessage());
  }

  @Test
  void aColourNetworkRefusesAGreyImageNamingIt() throws IOException {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> ImageDecoder.read("in/b.png", greyPng(), 3, 1, 2, new float[6], 0));
    assertEquals(
        "in/b.png: a grey image; the model takes colour (RGB) images, 3 channels", e.getMessage());
  }

  @Test
  void imagesCannotFeedOtherChannelCounts() throws IOException {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> ImageDecoder.read("in/a.png", colourPng(), 4, 1, 2, new float[8], 0));
    assertEquals(
        "in/a.png: the model takes 4 channels; PNG/JPEG images give 1 (grey) or 3 (RGB): use an"
            + " array column",
        e.getMessage());
  }
}
