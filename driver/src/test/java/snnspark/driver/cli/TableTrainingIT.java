package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.driver.io.Json;

/**
 * Training from tables, read by the executors: a Parquet table of flat 6x8 RGB images (144 values,
 * which alone would read as a 12x12 grey image, so the shape is given), and a CSV of one column per
 * pixel of 12x12 grey images (the shape told from the count). Local Spark with 2 workers.
 */
class TableTrainingIT {
  private static final String NETWORK = "{\"layers\": [{\"type\": \"dense\", \"units\": 16}]}";

  @TempDir static Path dir;
  private static Path parquetTrain;
  private static Path parquetTest;

  @BeforeAll
  static void tables() {
    SparkSession spark = ImageFixtures.spark();
    try {
      parquetTrain = ImageFixtures.parquet(spark, dir.resolve("train.parquet"), images(90, 3, 1));
      parquetTest = ImageFixtures.parquet(spark, dir.resolve("test.parquet"), images(30, 3, 2));
    } finally {
      spark.stop();
    }
  }

  /** Dim noise; class c lights channel c of the upper half (6x8 RGB, 3 classes, labels 0-2). */
  private static Dataset images(int count, int channels, long seed) {
    int rows = 6;
    int cols = 8;
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[count * channels * rows * cols];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int label = i % 3;
      labels[i] = (byte) label;
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < rows * cols; p++) {
          boolean lit = (channels == 1 ? p % 3 == label : c == label) && p < rows * cols / 2;
          pixels[((i * channels) + c) * rows * cols + p] =
              (byte) (lit ? 200 + random.nextInt(56) : random.nextInt(40));
        }
      }
    }
    return new Dataset("fixture", count, channels, rows, cols, 3, pixels, labels);
  }

  @Test
  void aParquetTableOfFlatColourImagesTrainsTheShapeGiven() throws IOException {
    Path model = dir.resolve("parquet-model/model.zip");
    CliRunner.Result trained =
        train(parquetTrain, parquetTest, model, "--image-shape", "6x8x3", "--epochs", "8");
    assertEquals(0, trained.exitCode(), trained.err());
    JsonNode json = Json.MAPPER.readTree(model.resolveSibling("model.json").toFile());
    JsonNode arch = json.path("architecture");
    assertEquals(
        List.of(6, 8, 3, 3),
        List.of(
            arch.path("rows").asInt(),
            arch.path("cols").asInt(),
            arch.path("channels").asInt(),
            arch.path("classes").asInt()),
        json.toString());
    assertEquals(
        List.of("0", "1", "2"),
        Json.MAPPER.convertValue(json.path("class_names"), new TypeReference<List<String>>() {}));
    assertEquals(90, json.path("n_train").asInt());
    assertEquals(30, json.path("n_test").asInt());
    // The classes differ only in which colour is lit: the network learnt the channels.
    assertTrue(json.path("rate_error").asDouble() <= 0.2, json.toString());
  }

  @Test
  void aCsvOfOneColumnPerPixelTrainsASquareGreyImageOfItsCount() throws IOException {
    Path train = ImageFixtures.csvColumns(dir.resolve("csv/train.csv"), images(60, 3, 3));
    Path test = ImageFixtures.csvColumns(dir.resolve("csv/test.csv"), images(15, 3, 4));
    Path model = dir.resolve("csv-model/model.zip");
    CliRunner.Result trained = train(train, test, model, "--epochs", "1");
    assertEquals(0, trained.exitCode(), trained.err());
    JsonNode arch =
        Json.MAPPER.readTree(model.resolveSibling("model.json").toFile()).path("architecture");
    assertEquals(12, arch.path("rows").asInt(), arch.toString());
    assertEquals(12, arch.path("cols").asInt(), arch.toString());
    assertEquals(1, arch.path("channels").asInt(), arch.toString());
  }

  /** A CSV of a string label (a class name) and a features column of values in [0, 1]. */
  private static Path namedCsv(Path file, Dataset images, List<String> names) {
    StringBuilder csv = new StringBuilder("label,features\n");
    for (int i = 0; i < images.count(); i++) {
      csv.append(names.get(images.label(i))).append(',');
      for (float v : images.imagesAsFloats(i, i + 1)) {
        csv.append(v).append(' ');
      }
      csv.append('\n');
    }
    return ImageFixtures.write(file, csv.toString());
  }

  @Test
  void stringLabelsAreClassNamesSortedAndScoredByName() throws IOException {
    List<String> names = List.of("owl", "emu", "kea"); // label 0 is "owl"
    Path train = namedCsv(dir.resolve("named/train.csv"), images(60, 1, 6), names);
    Path test = namedCsv(dir.resolve("named/test.csv"), images(15, 1, 7), names);
    Path model = dir.resolve("named-model/model.zip");
    CliRunner.Result trained = train(train, test, model, "--image-shape", "6x8x1", "--epochs", "6");
    assertEquals(0, trained.exitCode(), trained.err());
    JsonNode json = Json.MAPPER.readTree(model.resolveSibling("model.json").toFile());
    assertEquals(
        List.of("emu", "kea", "owl"),
        Json.MAPPER.convertValue(json.path("class_names"), new TypeReference<List<String>>() {}));
    assertTrue(json.path("rate_error").asDouble() <= 0.34, json.toString());

    Path other =
        namedCsv(dir.resolve("named/other.csv"), images(3, 1, 8), List.of("yak", "emu", "kea"));
    CliRunner.Result refused =
        CliRunner.run(
            "evaluate",
            "--data",
            other.toString(),
            "--model",
            model.toString(),
            "--report",
            dir.resolve("named-report").toString(),
            "--master",
            "local[1]");
    assertEquals(SnnCli.EXIT_USAGE, refused.exitCode(), refused.err());
    assertEquals(
        "snn: " + other + ": label 'yak' is not one of the model's classes (emu, kea, owl)",
        refused.err().strip());
  }

  @Test
  void flatImagesOfNoSquareCountWithoutAShapeAreOneLine() {
    Path train = ImageFixtures.csvColumns(dir.resolve("grey/train.csv"), images(12, 1, 5));
    Path model = dir.resolve("grey-model/model.zip");
    CliRunner.Result result = train(train, train, model, "--epochs", "1");
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals(
        "snn: "
            + train
            + ": images of 48 values, not a square grey image: give the image shape (height x"
            + " width x channels)",
        result.err().strip());
    assertFalse(Files.exists(model));
  }

  @Test
  void aBadImageShapeIsOneLine() {
    CliRunner.Result result =
        train(parquetTrain, parquetTest, dir.resolve("m/model.zip"), "--image-shape", "6x8");
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals(
        "snn: --image-shape: image shape must be HxWxC, such as 32x32x3, got '6x8'",
        result.err().strip());
  }

  private static CliRunner.Result train(Path train, Path test, Path model, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--train",
                train.toString(),
                "--test",
                test.toString(),
                "--network",
                NETWORK,
                "--model",
                model.toString(),
                "--batch-size",
                "10",
                "--master",
                "local[2]"));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }
}
