package snnspark.worker.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;
import snnspark.datasets.DatasetException;
import snnspark.worker.description.InputShape;

/**
 * Fuzzes how a row of a CSV or Parquet table becomes pixels ({@link PixelSource#read}): the fuzzer
 * picks the column's layout (array of floats or integers, ML vector, binary, a string of numbers,
 * one column per pixel), the image size and every value, as Spark would hand them to the executors
 * for a column of that type. Every row ends in one line of {@link DatasetException} or in values in
 * [0, 1] where the image goes and nothing written elsewhere. The committed inputs under {@code
 * PixelSourceFuzzTestInputs/} are replayed by {@code mvn test}; docs/fuzzing.md says how to fuzz.
 */
class PixelSourceFuzzTest {
  private static final PixelSource.Kind[] KINDS = {
    PixelSource.Kind.FLOAT_ARRAY,
    PixelSource.Kind.INTEGER_ARRAY,
    PixelSource.Kind.VECTOR,
    PixelSource.Kind.BYTES,
    PixelSource.Kind.TEXT,
    PixelSource.Kind.COLUMNS
  };

  @FuzzTest(maxDuration = "10m")
  void readRow(FuzzedDataProvider data) {
    PixelSource.Kind kind = data.pickValue(KINDS);
    int rows = data.consumeInt(1, 4);
    int cols = data.consumeInt(1, 4);
    int size = rows * cols;
    int at = data.consumeInt(0, 2);
    boolean[] integral = new boolean[size];
    Row row = row(kind, size, integral, data);
    String[] names = new String[size];
    for (int i = 0; i < size; i++) {
      names[i] = "pixel" + i;
    }
    PixelSource source =
        new PixelSource(
            "table.parquet",
            kind,
            1,
            "features",
            new PixelSource.PixelColumns(names, integral),
            new InputShape(rows, cols, 1));
    float[] into = new float[at + size + 1];
    into[at + size] = -1; // past the image: must stay untouched
    try {
      source.read(row, "row 3 of partition 0", into, at);
    } catch (DatasetException e) {
      String message = e.getMessage();
      assertFalse(message == null || message.isBlank(), "empty message");
      assertEquals(1, message.lines().count(), message);
      return;
    }
    for (int i = at; i < at + size; i++) {
      assertTrue(into[i] >= 0 && into[i] <= 1, "pixel " + i + " is " + into[i]);
    }
    assertEquals(-1, into[at + size]);
  }

  /** A row of id, then the pixels as Spark gives a column of {@code kind}'s type. */
  private static Row row(
      PixelSource.Kind kind, int size, boolean[] integral, FuzzedDataProvider data) {
    int length = data.consumeBoolean() ? size : data.consumeInt(0, size + 2);
    if (kind != PixelSource.Kind.COLUMNS && data.consumeBoolean() && data.consumeBoolean()) {
      return RowFactory.create("7", null);
    }
    Object pixels =
        switch (kind) {
          case FLOAT_ARRAY -> seq(values(length, data, true));
          case INTEGER_ARRAY -> seq(values(length, data, false));
          case VECTOR -> Vectors.dense(doubles(length, data));
          case BYTES -> data.consumeBytes(length);
          case TEXT -> data.consumeString(4 * size + 8);
          case COLUMNS -> null;
          case IMAGE -> throw new IllegalArgumentException("fuzzed by ImageDecoderFuzzTest");
          case SPARK_IMAGE -> throw new IllegalArgumentException("tested by SparkImageStructTest");
        };
    if (kind != PixelSource.Kind.COLUMNS) {
      return RowFactory.create("7", pixels);
    }
    // One column per pixel, each integral or floating as the CSV's inferred schema says.
    Object[] values = new Object[1 + size];
    values[0] = "7";
    for (int i = 0; i < size; i++) {
      integral[i] = data.consumeBoolean();
      if (data.consumeInt(0, 15) == 0) {
        values[1 + i] = null;
      } else {
        values[1 + i] = integral[i] ? integer(data) : (Object) data.consumeRegularDouble();
      }
    }
    return RowFactory.create(values);
  }

  private static List<Object> values(int length, FuzzedDataProvider data, boolean floating) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      if (data.consumeInt(0, 15) == 0) {
        values.add(null);
      } else if (floating) {
        values.add(data.consumeBoolean() ? data.consumeDouble() : (Object) data.consumeFloat());
      } else {
        values.add(integer(data));
      }
    }
    return values;
  }

  /** An integer of one of the types an integral Spark column holds. */
  private static Object integer(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> data.consumeByte();
      case 1 -> data.consumeShort();
      case 2 -> data.consumeInt();
      default -> data.consumeLong();
    };
  }

  private static double[] doubles(int length, FuzzedDataProvider data) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = data.consumeDouble();
    }
    return values;
  }

  /** A Scala sequence, as Spark's rows keep arrays. */
  private static Object seq(List<Object> values) {
    return JavaConverters.asScalaBuffer(values).toSeq();
  }
}
