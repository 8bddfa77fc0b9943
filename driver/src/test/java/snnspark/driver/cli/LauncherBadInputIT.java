package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;

/**
 * Bad input through the real launcher, {@code deploy/snn}, with its log configuration: the
 * <em>whole</em> standard error is the one line naming the file and the problem, with none of the
 * executors' or the scheduler's logs before it, exit code 2, and nothing under the output. The
 * failures that happen inside Spark tasks (a PNG of another size, a truncated PNG, a Parquet row
 * too short) are the ones that used to bring 220-250 lines of Spark logs with them.
 *
 * <p>An integration test: it needs the packaged jar that {@code deploy/snn} runs.
 */
class LauncherBadInputIT {
  private static final Path ROOT = Path.of(System.getProperty("snnspark.project.root", ".."));
  private static final int TIMEOUT_MINUTES = 3;

  @TempDir static Path dir;
  private static String model;

  @BeforeAll
  static void fixtures() throws IOException {
    model = ImageFixtures.trainedModel(dir, 1);
    Dataset images = ImageFixtures.testImages(6);
    Path big = ImageFixtures.pngs(dir.resolve("big"), images);
    ImageIO.write(
        new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY),
        "png",
        big.resolve("t10k-big.png").toFile());
    Path truncated = ImageFixtures.pngs(dir.resolve("truncated"), images);
    Path whole = truncated.resolve(ImageFixtures.pngName(3));
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(whole, Arrays.copyOf(bytes, bytes.length / 2));
    SparkSession spark = ImageFixtures.spark();
    try {
      ImageFixtures.parquet(spark, dir.resolve("images.parquet"), images);
      spark
          .read()
          .parquet(dir.resolve("images.parquet").toString())
          .selectExpr("id", "label", "slice(features, 1, 700) AS features")
          .write()
          .parquet(dir.resolve("short.parquet").toString());
      spark
          .read()
          .parquet(dir.resolve("images.parquet").toString())
          .repartition(2)
          .write()
          .parquet(dir.resolve("cut-part.parquet").toString());
    } finally {
      spark.stop();
    }
    try (var parts = Files.list(dir.resolve("cut-part.parquet"))) {
      Path last =
          parts.filter(p -> p.toString().endsWith(".parquet")).sorted().reduce((a, b) -> b).get();
      Files.write(last, Arrays.copyOf(Files.readAllBytes(last), 300));
    }
    Path data = Files.createDirectories(dir.resolve("truncated-idx"));
    for (Split split : Split.values()) {
      for (String name : List.of(split.imagesFile(), split.labelsFile())) {
        byte[] file = Files.readAllBytes(TestDatasets.mnist().resolve(name));
        Files.write(data.resolve(name), Arrays.copyOf(file, file.length / 3));
      }
    }
  }

  @Test
  void predictImageOfAnotherSize() throws Exception {
    assertOneLine(predict("big"), "t10k-big.png", "image of 32x32 pixels, the model takes 28x28");
  }

  @Test
  void predictTruncatedPng() throws Exception {
    assertOneLine(predict("truncated"), ImageFixtures.pngName(3));
  }

  @Test
  void predictShortFeatureArrays() throws Exception {
    assertOneLine(predict("short.parquet"), "short.parquet", "700 values, expected 784");
  }

  /** One part of a table cut short (a copy interrupted): found by a task, after the schema. */
  @Test
  void predictAParquetFolderWithATruncatedPart() throws Exception {
    assertOneLine(predict("cut-part.parquet"), "cut-part.parquet", "is not a Parquet file");
  }

  @Test
  void evaluateTruncatedData() throws Exception {
    Run run =
        snn(
            "evaluate",
            "--data",
            dir.resolve("truncated-idx").toString(),
            "--model",
            model,
            "--report",
            dir.resolve("eval-out").toString());
    assertOneLine(run, "truncated-idx", "t10k-images-idx3-ubyte");
    assertFalse(Files.exists(dir.resolve("eval-out/_SUCCESS")));
  }

  /**
   * Evaluation needs only the test split, but the report shows training images: a training split
   * that cannot be read is refused in one line before the simulation, not after it.
   */
  @Test
  void evaluateWithTruncatedTrainingLabels() throws Exception {
    Path data = Files.createDirectories(dir.resolve("bad-train-labels"));
    for (String name :
        List.of(
            Split.TEST.imagesFile(),
            Split.TEST.labelsFile(),
            Split.TRAIN.imagesFile(),
            Split.TRAIN.labelsFile())) {
      byte[] file = Files.readAllBytes(TestDatasets.mnist().resolve(name));
      boolean cut = name.equals(Split.TRAIN.labelsFile());
      Files.write(data.resolve(name), cut ? Arrays.copyOf(file, 6) : file);
    }
    Run run =
        snn(
            "evaluate",
            "--data",
            data.toString(),
            "--model",
            model,
            "--test-limit",
            "20",
            "--report",
            dir.resolve("eval-train-out").toString());
    assertOneLine(run, Split.TRAIN.labelsFile());
    assertFalse(run.stdout().contains("spiking evaluation of"), run.stdout());
    assertFalse(Files.exists(dir.resolve("eval-train-out")));
  }

  @Test
  void trainTruncatedData() throws Exception {
    Run run =
        snn(
            "train",
            "--data",
            dir.resolve("truncated-idx").toString(),
            "--model",
            dir.resolve("train-out/model.zip").toString());
    assertOneLine(run, "truncated-idx", "train-images-idx3-ubyte");
    assertFalse(Files.exists(dir.resolve("train-out/model.zip")));
  }

  @Test
  void runMissingData() throws Exception {
    Run run =
        snn(
            "run",
            "--data",
            dir.resolve("nothing-here").toString(),
            "--out",
            dir.resolve("run-out").toString());
    assertOneLine(run, "nothing-here");
    assertFalse(Files.exists(dir.resolve("run-out/_SUCCESS")));
  }

  @Test
  void trainWithMaxPooling() throws Exception {
    Run run =
        snn(
            "train",
            "--data",
            TestDatasets.mnist().toString(),
            "--model",
            dir.resolve("maxpool-out/model.zip").toString(),
            "--network",
            "{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 3},"
                + " {\"type\": \"maxpool\", \"size\": 2}]}");
    assertOneLine(run, "--network: layer 2 (maxpool)", "use avgpool");
    assertFalse(Files.exists(dir.resolve("maxpool-out")));
  }

  @Test
  void runWithAKernelLargerThanTheImages() throws Exception {
    Path network = dir.resolve("huge-kernel.json");
    Files.writeString(
        network, "{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 30}]}");
    Run run =
        snn(
            "run",
            "--data",
            TestDatasets.mnist().toString(),
            "--out",
            dir.resolve("huge-out").toString(),
            "--network",
            network.toString());
    assertOneLine(
        run,
        "--network, for 28x28x1 images: layer 1 (conv): a 30x30 kernel does not fit its"
            + " 28x28 input");
    assertFalse(Files.exists(dir.resolve("huge-out/_SUCCESS")));
  }

  @Test
  void trainOnClassFoldersWithAnImageOfAnotherSize() throws Exception {
    Path images = dir.resolve("class-folders");
    for (String folder : List.of("a", "b")) {
      Path classFolder = Files.createDirectories(images.resolve(folder));
      for (int i = 0; i < 4; i++) {
        ImageIO.write(
            new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY),
            "png",
            classFolder.resolve(i + ".png").toFile());
      }
    }
    ImageIO.write(
        new BufferedImage(10, 8, BufferedImage.TYPE_BYTE_GRAY),
        "png",
        images.resolve("b/odd.png").toFile());
    Run run =
        snn(
            "train",
            "--train",
            images.toString(),
            "--test",
            images.toString(),
            "--network",
            "{\"layers\": [{\"type\": \"dense\", \"units\": 4}]}",
            "--model",
            dir.resolve("folders-out/model.zip").toString());
    // Found by an executor decoding its partition: the task's failure reaches the user as one line.
    assertOneLine(run, "b/odd.png", "image of 10x8 pixels, the model takes 8x8");
    assertFalse(Files.exists(dir.resolve("folders-out/model.zip")));
  }

  /**
   * A CSV row with more values than its header, found by Spark's reader (FAILFAST) while training
   * reads the table: the whole of stderr one line naming the file, the row's text cut short.
   */
  @Test
  void trainOnACsvWithAMalformedRow() throws Exception {
    StringBuilder csv = new StringBuilder("label");
    for (int p = 0; p < 16; p++) {
      csv.append(",pixel").append(p);
    }
    csv.append('\n');
    for (int r = 0; r < 40; r++) {
      csv.append(r % 2);
      for (int p = 0; p < (r == 25 ? 400 : 16); p++) {
        csv.append(',').append((r * 7 + p) % 256);
      }
      csv.append('\n');
    }
    Path table = ImageFixtures.write(dir.resolve("malformed/train.csv"), csv.toString());
    Run run =
        snn(
            "train",
            "--train",
            table.toString(),
            "--test",
            table.toString(),
            "--image-shape",
            "4x4x1",
            "--network",
            "{\"layers\": [{\"type\": \"dense\", \"units\": 4}]}",
            "--model",
            dir.resolve("malformed-out/model.zip").toString());
    assertOneLine(run, table + ": cannot read: ", "Malformed CSV record", "...");
    assertTrue(run.stderr().length() < 600, run.stderr());
    assertFalse(Files.exists(dir.resolve("malformed-out/model.zip")));
  }

  private static Run predict(String input) throws Exception {
    Path out = dir.resolve("predicted-" + input);
    Run run =
        snn(
            "predict",
            "--model",
            model,
            "--input",
            dir.resolve(input).toString(),
            "--out",
            out.toString(),
            "--steps",
            "5");
    assertFalse(Files.exists(out), "output written: " + out);
    return run;
  }

  /** A launcher run: its exit code, its standard output and its whole standard error. */
  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run snn(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("deploy/snn").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--master", "local[2]"));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("SNN_JAVA_OPTS", "-Xmx2g");
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("deploy/snn " + String.join(" ", args) + " did not end");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void assertOneLine(Run run, String... fragments) {
    assertEquals(SnnCli.EXIT_USAGE, run.exitCode(), run.stderr());
    List<String> lines = run.stderr().lines().toList();
    assertEquals(1, lines.size(), "standard error is not one line:\n" + run.stderr());
    String line = lines.get(0);
    assertTrue(line.startsWith("snn: "), line);
    for (String fragment : fragments) {
      assertTrue(line.contains(fragment), "'" + fragment + "' not in: " + line);
    }
    System.out.println("one line: " + line);
  }
}
