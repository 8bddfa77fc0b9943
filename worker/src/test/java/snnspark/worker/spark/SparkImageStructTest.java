package snnspark.worker.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;
import snnspark.worker.description.InputShape;

class SparkImageStructTest {
  private static final float BYTE = 1f / 255f;

  /** A 2x1 image as Spark's image source gives it: BGR bytes interleaved per pixel. */
  private static Row bgr() {
    byte[] data = {30, 20, 10, 0, 100, (byte) 200};
    return RowFactory.create(image(1, 2, 3, data));
  }

  /** A struct of Spark's image schema, as its rows carry it. */
  private static Row image(int height, int width, int channels, byte[] data) {
    return new GenericRowWithSchema(
        new Object[] {"file:/a.png", height, width, channels, 16, data},
        ImageSchema.columnSchema());
  }

  private static PixelSource source(int channels) {
    return new PixelSource(
        "images", PixelSource.Kind.SPARK_IMAGE, 0, "image", null, new InputShape(1, 2, channels));
  }

  @Test
  void aColourNetworkTakesRgbPlanesFromSparksBgrBytes() {
    float[] into = new float[6];
    source(3).read(bgr(), "row 0", into, 0);
    assertArrayEquals(
        new float[] {10 * BYTE, 200 * BYTE, 20 * BYTE, 100 * BYTE, 30 * BYTE, 0}, into);
  }

  @Test
  void aGreyNetworkTakesTheLumaAsForImageFiles() {
    float[] into = new float[2];
    source(1).read(bgr(), "row 0", into, 0);
    assertEquals(ImageDecoder.luma(10, 20, 30) * BYTE, into[0]);
    assertEquals(ImageDecoder.luma(200, 100, 0) * BYTE, into[1]);
  }

  @Test
  void anImageWithoutDataNamesTheRowAndTheField() {
    Row empty = RowFactory.create(image(1, 2, 1, null));
    DatasetException e =
        assertThrows(DatasetException.class, () -> source(1).read(empty, "row 2", new float[2], 0));
    assertTrue(
        e.getMessage().endsWith("row 2, column image: an image struct whose data is null"),
        e.getMessage());
  }

  @Test
  void anImageOfAnotherSizeNamesTheRow() {
    Row wide = RowFactory.create(image(1, 3, 1, new byte[3]));
    DatasetException e =
        assertThrows(DatasetException.class, () -> source(1).read(wide, "row 4", new float[2], 0));
    assertEquals(
        "images: row 4, column image: image of 3x1 pixels, the model takes 2x1", e.getMessage());
  }

  @Test
  void aStructWithoutTheImagesBytesIsNotAnImage() {
    StructType noData =
        new StructType()
            .add("origin", DataTypes.StringType)
            .add("height", DataTypes.IntegerType)
            .add("width", DataTypes.IntegerType)
            .add("nChannels", DataTypes.IntegerType);
    Row image = new GenericRowWithSchema(new Object[] {"file:/a.png", 1, 2, 1}, noData);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> source(1).read(RowFactory.create(image), "row 2", new float[2], 0));
    assertTrue(
        e.getMessage().startsWith("images: row 2, column image: not an image struct: "),
        e.getMessage());
  }
}
