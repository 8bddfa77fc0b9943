package snnspark.worker.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import snnspark.datasets.DatasetException;
import snnspark.worker.description.InputShape;

/**
 * Fuzzes the decoding of PNG/JPEG files for {@code predict}: a file's bytes, in the row that {@code
 * ImageTableReader} makes of it, read into pixels by {@link PixelSource} as the executors do,
 * without Spark. Every input ends in one line of {@link DatasetException} or in 28x28 values in [0,
 * 1]; any other exception, a hang or an OutOfMemoryError fails. The committed inputs under {@code
 * ImageDecoderFuzzTestInputs/} (grey, RGB, RGBA and palette PNGs, a JPEG, a PNG of another size)
 * are replayed by {@code mvn test}; docs/fuzzing.md says how to fuzz.
 */
class ImageDecoderFuzzTest {
  private static final int SIZE = 28;
  private static final StructType IMAGE =
      new StructType()
          .add(ImageStruct.ORIGIN, DataTypes.StringType)
          .add(ImageStruct.DATA, DataTypes.BinaryType);
  private static final PixelSource PIXELS =
      new PixelSource(
          "images/", PixelSource.Kind.IMAGE, 0, "image", null, new InputShape(SIZE, SIZE, 1));

  @FuzzTest(maxDuration = "10m")
  void decode(byte[] file) {
    Row row = RowFactory.create(new GenericRowWithSchema(new Object[] {"a.png", file}, IMAGE));
    float[] into = new float[SIZE * SIZE + 1];
    into[SIZE * SIZE] = -1; // past the image: must stay untouched
    try {
      PIXELS.read(row, "row with id a.png", into, 0);
    } catch (DatasetException e) {
      String message = e.getMessage();
      assertFalse(message == null || message.isBlank(), "empty message");
      assertEquals(1, message.lines().count(), message);
      return;
    }
    for (int i = 0; i < SIZE * SIZE; i++) {
      assertTrue(into[i] >= 0 && into[i] <= 1, "pixel " + i + " is " + into[i]);
    }
    assertEquals(-1, into[SIZE * SIZE]);
  }
}
