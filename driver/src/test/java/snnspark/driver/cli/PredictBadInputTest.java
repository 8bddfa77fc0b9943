package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of {@code snn predict}: exit code 2, one line naming the file (and row and column
 * where known) and the problem, no stack trace, and nothing under {@code --out}.
 */
class PredictBadInputTest {
  private static final int SIZE = 28 * 28;

  @TempDir static Path dir;
  private static String model;

  @BeforeAll
  static void fixtures() throws IOException {
    model = ImageFixtures.trainedModel(dir, 1);
    SparkSession spark = ImageFixtures.spark();
    try {
      table(spark, "no-features.parquet", "pixels", floats(SIZE, 0.5f), 1);
      table(spark, "short.parquet", "features", floats(SIZE - 1, 0.5f), 1);
      Float[] nan = floats(SIZE, 0.5f);
      nan[17] = Float.NaN;
      table(spark, "nan.parquet", "features", nan, 1);
      Integer[] bytes = new Integer[SIZE];
      java.util.Arrays.fill(bytes, 0);
      bytes[3] = 300;
      table(spark, "bytes.parquet", "features", bytes, 1);
      table(spark, "label.parquet", "features", floats(SIZE, 0.5f), 12);
    } finally {
      spark.stop();
    }
    Files.createDirectories(dir.resolve("small"));
    ImageIO.write(
        new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY),
        "png",
        dir.resolve("small/a.png").toFile());
    Files.createDirectories(dir.resolve("corrupt-png"));
    Files.writeString(dir.resolve("corrupt-png/a.png"), "not a png at all");
    Files.writeString(dir.resolve("corrupt.parquet"), "PAR1 this is not parquet");
  }

  private static Float[] floats(int n, float value) {
    Float[] values = new Float[n];
    java.util.Arrays.fill(values, value);
    return values;
  }

  private static void table(
      SparkSession spark, String name, String column, Object[] values, int label) {
    DataType element = values instanceof Integer[] ? DataTypes.IntegerType : DataTypes.FloatType;
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("label", DataTypes.IntegerType)
            .add(column, DataTypes.createArrayType(element));
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("first", label, values));
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve(name).toString());
  }

  /** Runs predict on {@code input}; checks exit 2, one line with every fragment, no output. */
  private static void assertRefused(String input, String... fragments) {
    Path out = dir.resolve("out-" + Path.of(input).getFileName());
    CliRunner.Result run =
        CliRunner.run(
            "predict",
            "--model",
            model,
            "--input",
            input,
            "--out",
            out.toString(),
            "--steps",
            "5",
            "--master",
            "local[2]");
    assertEquals(SnnCli.EXIT_USAGE, run.exitCode(), run.out() + run.err());
    String line = run.err().strip();
    assertFalse(line.contains("\n"), "more than one line: " + run.err());
    assertFalse(line.contains("\tat "), "stack trace: " + run.err());
    for (String fragment : fragments) {
      assertTrue(line.contains(fragment), "'" + fragment + "' not in: " + line);
    }
    assertFalse(Files.exists(out), "output written: " + out);
    try (var left = Files.list(dir)) {
      assertFalse(
          left.anyMatch(p -> p.getFileName().toString().startsWith(".out-")),
          "a temporary table was left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void missingInput() {
    assertRefused(dir.resolve("nothing-here").toString(), "nothing-here", "no such file");
  }

  @Test
  void missingColumn() {
    assertRefused(
        dir.resolve("no-features.parquet").toString(),
        "no-features.parquet",
        "no column 'features'",
        "pixels");
  }

  @Test
  void wrongLength() {
    assertRefused(
        dir.resolve("short.parquet").toString(),
        "short.parquet",
        "row with id first",
        "column features",
        "783 values, expected 784");
  }

  @Test
  void notANumber() {
    assertRefused(
        dir.resolve("nan.parquet").toString(), "nan.parquet", "value 17 is NaN, outside [0, 1]");
  }

  @Test
  void byteOutOfRange() {
    assertRefused(
        dir.resolve("bytes.parquet").toString(), "bytes.parquet", "value 3 is 300, outside 0-255");
  }

  @Test
  void labelOutOfRange() {
    assertRefused(
        dir.resolve("label.parquet").toString(),
        "label.parquet",
        "row with id first",
        "label 12 is not one of the 10 classes 0..9");
  }

  @Test
  void imageOfTheWrongSize() {
    assertRefused(dir.resolve("small").toString(), "a.png", "image of 20x20 pixels");
  }

  @Test
  void corruptImage() {
    assertRefused(dir.resolve("corrupt-png").toString(), "a.png", "not a readable image");
  }

  @Test
  void corruptParquet() {
    assertRefused(dir.resolve("corrupt.parquet").toString(), "corrupt.parquet", "Parquet");
  }
}
