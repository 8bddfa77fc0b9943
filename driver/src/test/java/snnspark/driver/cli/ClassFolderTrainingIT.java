package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.io.Json;

/**
 * A user's own images: 16x16 RGB PNGs in one subfolder per class, four classes told apart only by
 * colour, trained with {@code --train}/{@code --test} and a network of the user's, then scored by
 * {@code predict}, whose labels come from the folders. Local Spark with 2 workers.
 */
class ClassFolderTrainingIT {
  /** Sorted, as the classes are: the index of a class is its place here. */
  private static final List<String> CLASSES = List.of("blue", "green", "red", "yellow");

  private static final int[] COLOURS = {0x0000ff, 0x00ff00, 0xff0000, 0xffff00};
  private static final int SIZE = 16;
  private static final String NETWORK =
      "{\"layers\": [{\"type\": \"conv\", \"filters\": 8, \"kernel\": 3, \"stride\": 2},"
          + " {\"type\": \"dense\", \"units\": 32}]}";

  @TempDir static Path dir;
  private static Path train;
  private static Path test;
  private static Path model;
  private static CliRunner.Result trained;

  @BeforeAll
  static void trainOnTheFolders() throws IOException {
    train = dir.resolve("shapes/train");
    test = dir.resolve("shapes/test");
    writeClasses(train, 40, 1);
    writeClasses(test, 10, 2);
    model = dir.resolve("model/model.zip");
    trained =
        CliRunner.run(
            "train",
            "--train",
            train.toString(),
            "--test",
            test.toString(),
            "--network",
            NETWORK,
            "--model",
            model.toString(),
            "--epochs",
            "6",
            "--batch-size",
            "20",
            "--master",
            "local[2]");
    System.out.println(trained.out() + trained.err());
  }

  /** {@code perClass} images of each class: dim noise with a bright square of its colour. */
  private static void writeClasses(Path root, int perClass, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    for (int c = 0; c < CLASSES.size(); c++) {
      Path folder = Files.createDirectories(root.resolve(CLASSES.get(c)));
      for (int i = 0; i < perClass; i++) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
          for (int x = 0; x < SIZE; x++) {
            image.setRGB(x, y, random.nextInt(48) * 0x010101);
          }
        }
        int x0 = random.nextInt(SIZE - 8);
        int y0 = random.nextInt(SIZE - 8);
        for (int y = y0; y < y0 + 8; y++) {
          for (int x = x0; x < x0 + 8; x++) {
            image.setRGB(x, y, COLOURS[c]);
          }
        }
        ImageIO.write(image, "png", folder.resolve(String.format("img%03d.png", i)).toFile());
      }
    }
  }

  @Test
  void theModelTakesTheImagesShapeAndTheFoldersClasses() throws IOException {
    assertEquals(0, trained.exitCode(), trained.err());
    JsonNode json = Json.MAPPER.readTree(model.resolveSibling("model.json").toFile());
    JsonNode input = json.path("architecture");
    assertEquals(SIZE, input.path("rows").asInt(), json.toString());
    assertEquals(SIZE, input.path("cols").asInt(), json.toString());
    assertEquals(3, input.path("channels").asInt(), json.toString());
    assertEquals(
        CLASSES,
        Json.MAPPER.convertValue(json.path("class_names"), new TypeReference<List<String>>() {}));
    assertEquals(160, json.path("n_train").asInt(), json.toString());
    assertEquals(40, json.path("n_test").asInt(), json.toString());
    // Colour alone tells the classes apart: a network that learnt from the folders gets most right.
    assertTrue(json.path("rate_error").asDouble() <= 0.25, json.toString());
  }

  @Test
  void predictLabelsTheImagesByTheirFoldersAndNamesThePredictedClass() throws IOException {
    assertEquals(0, trained.exitCode(), trained.err());
    Path scored = dir.resolve("scored");
    CliRunner.Result predicted =
        CliRunner.run(
            "predict",
            "--model",
            model.toString(),
            "--input",
            test.toString(),
            "--out",
            scored.toString(),
            "--format",
            "csv",
            "--steps",
            "30",
            "--master",
            "local[2]");
    assertEquals(0, predicted.exitCode(), predicted.err());
    List<String> rows = csvRows(scored);
    assertTrue(rows.get(0).startsWith("id,label,prediction,prediction_name,"), rows.get(0));
    rows.remove(0);
    assertEquals(40, rows.size());
    int right = 0;
    for (String row : rows) {
      String[] cells = row.split(",");
      String folder = Path.of(cells[0]).getParent().getFileName().toString();
      assertEquals(CLASSES.indexOf(folder), Integer.parseInt(cells[1]), row);
      int prediction = Integer.parseInt(cells[2]);
      assertEquals(CLASSES.get(prediction), cells[3], row);
      right += prediction == CLASSES.indexOf(folder) ? 1 : 0;
    }
    assertTrue(right >= 30, right + " of 40 right");
  }

  @Test
  void runWithoutATestSetMeasuresTheErrorsOnAHeldOutShareOfTheTrainingImages() throws IOException {
    Path out = dir.resolve("holdout-out");
    CliRunner.Result run =
        CliRunner.run(
            "run",
            "--train",
            train.toString(),
            "--validation-fraction",
            "0.25",
            "--network",
            NETWORK,
            "--epochs",
            "2",
            "--batch-size",
            "20",
            "--steps",
            "10",
            "--out",
            out.toString(),
            "--master",
            "local[2]");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode model = Json.MAPPER.readTree(out.resolve("model.json").toFile());
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    int nTrain = model.path("n_train").asInt();
    int nTest = model.path("n_test").asInt();
    assertEquals(160, nTrain + nTest, model.toString());
    assertTrue(nTest > 20 && nTest < 60, "held out " + nTest + " of 160");
    assertEquals(nTest, report.path("n_test").asInt(), report.toString());
    assertTrue(Files.exists(out.resolve("digits.png"))); // colour images drawn as their mean
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  /** --data is an IDX folder's two splits: an image folder there would be tested on itself. */
  @Test
  void anImageFolderAsDataIsRefused() {
    Path out = dir.resolve("data-folder-out");
    CliRunner.Result run =
        CliRunner.run(
            "run",
            "--data",
            train.toString(),
            "--network",
            NETWORK,
            "--out",
            out.toString(),
            "--master",
            "local[2]");
    assertEquals(SnnCli.EXIT_USAGE, run.exitCode(), run.err());
    assertEquals(
        "snn: "
            + train.resolve("train-images-idx3-ubyte")
            + ": file not found (nor train-images-idx3-ubyte.gz)",
        run.err().strip());
    assertFalse(Files.exists(out), "output written");
  }

  /** An error rate of no images is no figure: a share too small to hold any out is refused. */
  @Test
  void aValidationFractionThatHoldsOutNoImageIsRefused() {
    Path out = dir.resolve("nothing-held-out");
    CliRunner.Result run =
        CliRunner.run(
            "run",
            "--train",
            train.toString(),
            "--validation-fraction",
            "0.0001",
            "--network",
            NETWORK,
            "--out",
            out.toString(),
            "--master",
            "local[2]");
    assertEquals(SnnCli.EXIT_USAGE, run.exitCode(), run.err());
    assertEquals(
        "snn: "
            + train
            + ": no images held out for testing (validation fraction 1.0E-4); hold out more, or"
            + " give a test set",
        run.err().strip());
    assertFalse(Files.exists(out), "output written");
  }

  @Test
  void normalizeStoresTheTrainingSetsChannelMeansAndTheModelTakesRawImages() throws IOException {
    Path out = dir.resolve("normalized-out");
    CliRunner.Result run =
        CliRunner.run(
            "run",
            "--train",
            train.toString(),
            "--test",
            test.toString(),
            "--normalize",
            "--network",
            NETWORK,
            "--epochs",
            "6",
            "--batch-size",
            "20",
            "--steps",
            "30",
            "--out",
            out.toString(),
            "--master",
            "local[2]");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = Json.MAPPER.readTree(out.resolve("model.json").toFile());
    assertTrue(json.path("tuning").path("standardize_input").asBoolean(), json.toString());
    double[] means = channelMeans(train);
    JsonNode measured = json.path("input_standardization");
    for (int c = 0; c < 3; c++) {
      assertEquals(means[c], measured.path("mean").get(c).asDouble(), 1e-6, measured.toString());
      assertTrue(measured.path("std").get(c).asDouble() > 0.1, measured.toString());
    }
    // The saved model takes the images as they come: the rate network measured anew on them by
    // evaluate, and the spiking network, both tell the colours apart.
    Path report = dir.resolve("normalized-report");
    CliRunner.Result evaluated =
        CliRunner.run(
            "evaluate",
            "--data",
            test.toString(),
            "--model",
            out.resolve("model.zip").toString(),
            "--test-limit",
            "39",
            "--report",
            report.toString(),
            "--master",
            "local[2]");
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    JsonNode scores = Json.MAPPER.readTree(report.resolve("report.json").toFile());
    assertTrue(scores.path("rate_error").asDouble() <= 0.25, scores.toString());
    assertTrue(scores.path("spiking_error").asDouble() <= 0.35, scores.toString());
  }

  /** The mean of each colour channel over every training image, in [0, 1]. */
  private static double[] channelMeans(Path root) throws IOException {
    double[] sums = new double[3];
    long pixels = 0;
    List<Path> images;
    try (var files = Files.walk(root)) {
      images = files.filter(f -> f.toString().endsWith(".png")).toList();
    }
    for (Path file : images) {
      BufferedImage image = ImageIO.read(file.toFile());
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          int rgb = image.getRGB(x, y);
          sums[0] += (rgb >> 16 & 0xff) / 255.0;
          sums[1] += (rgb >> 8 & 0xff) / 255.0;
          sums[2] += (rgb & 0xff) / 255.0;
          pixels++;
        }
      }
    }
    return new double[] {sums[0] / pixels, sums[1] / pixels, sums[2] / pixels};
  }

  private static List<String> csvRows(Path folder) throws IOException {
    List<String> rows = new ArrayList<>();
    try (var parts = Files.list(folder)) {
      for (Path part : parts.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        List<String> lines = Files.readAllLines(part);
        rows.addAll(rows.isEmpty() ? lines : lines.subList(1, lines.size()));
      }
    }
    return rows;
  }

  @Test
  void aClassFolderWithoutImagesIsOneLine() throws IOException {
    Path empty = dir.resolve("empty-class");
    writeClasses(empty, 2, 3);
    Path none = Files.createDirectories(empty.resolve("zebra"));
    CliRunner.Result result = trainOn(empty, test, dir.resolve("m1/model.zip"));
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals("snn: " + none + ": a class folder with no PNG/JPEG images", result.err().strip());
    assertFalse(Files.exists(dir.resolve("m1/model.zip")));
  }

  @Test
  void anImageOfAnotherSizeIsOneLineNamingIt() throws IOException {
    Path mixed = dir.resolve("mixed-sizes");
    writeClasses(mixed, 3, 4);
    Path odd = mixed.resolve("red/odd.png");
    ImageIO.write(new BufferedImage(12, 16, BufferedImage.TYPE_INT_RGB), "png", odd.toFile());
    CliRunner.Result result = trainOn(mixed, test, dir.resolve("m2/model.zip"));
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals(
        "snn: file:" + odd + ": image of 12x16 pixels, the model takes 16x16",
        result.err().strip());
    assertFalse(Files.exists(dir.resolve("m2/model.zip")));
  }

  @Test
  void aGreyImageAmongColourOnesIsOneLineNamingIt() throws IOException {
    Path mixed = dir.resolve("mixed-colours");
    writeClasses(mixed, 3, 5);
    Path grey = mixed.resolve("yellow/grey.png");
    ImageIO.write(
        new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY), "png", grey.toFile());
    CliRunner.Result result = trainOn(mixed, test, dir.resolve("m3/model.zip"));
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals(
        "snn: file:" + grey + ": a grey image; the model takes colour (RGB) images, 3 channels",
        result.err().strip());
  }

  @Test
  void aTestFolderNamedAfterNoClassIsOneLine() throws IOException {
    Path other = dir.resolve("other-test");
    writeClasses(other, 2, 6);
    Files.move(other.resolve("red"), other.resolve("purple"));
    CliRunner.Result result = trainOn(train, other, dir.resolve("m4/model.zip"));
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals(
        "snn: "
            + other.resolve("purple")
            + ": a folder named after none of the model's classes (blue, green, red, yellow)",
        result.err().strip());
  }

  private static CliRunner.Result trainOn(Path trainSet, Path testSet, Path modelFile) {
    return CliRunner.run(
        "train",
        "--train",
        trainSet.toString(),
        "--test",
        testSet.toString(),
        "--network",
        NETWORK,
        "--model",
        modelFile.toString(),
        "--epochs",
        "1",
        "--master",
        "local[1]");
  }
}
