package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.IdxFiles;
import snnspark.datasets.Split;

/** The command line without Spark: usage errors, dataset validation, tuning curves. */
class SnnCliTest {
  @TempDir Path dir;

  /** Exit 2, nothing on stdout, one line on stderr that contains every fragment. */
  private static void assertUserError(CliRunner.Result result, String... fragments) {
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), "not one line: " + result.err());
    for (String fragment : fragments) {
      assertTrue(result.err().contains(fragment), "'" + fragment + "' not in: " + result.err());
    }
    assertTrue(!result.err().contains("\tat "), "stack trace shown: " + result.err());
  }

  @Test
  void versionAndHelp() {
    assertEquals(0, CliRunner.run("--version").exitCode());
    CliRunner.Result help = CliRunner.run("--help");
    assertEquals(0, help.exitCode());
    for (String command :
        List.of("fetch", "inspect", "train", "evaluate", "run", "tuning-curves")) {
      assertTrue(help.out().contains(command), command);
    }
    for (String[] args : new String[][] {{"--help"}, {"predict", "--help"}, {"run", "--help"}}) {
      String text = CliRunner.run(args).out();
      assertTrue(text.contains("Exit codes:"), String.join(" ", args) + ":\n" + text);
      assertTrue(text.contains("2   bad input or usage") || text.contains("2  bad input"), text);
    }
  }

  @Test
  void describePrintsTheTutorialLayerByLayer() {
    CliRunner.Result result = CliRunner.run("describe");
    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = result.out().lines().toList();
    assertEquals(
        List.of(
            "layer      type                     output          neurons   parameters",
            "conv1      conv 3x3                 26x26x32         21,632          320",
            "conv2      conv 3x3                 24x24x32         18,432        9,248",
            "avgpool1   avgpool 2x2              12x12x32              -            0",
            "dense      dense                    128                 128      589,952",
            "dropout1   dropout 0.4              128                   -            0",
            "output     dense, no neurons        10                    -        1,290",
            "total                                                40,192      600,810"),
        lines.subList(1, lines.size()));
    assertTrue(lines.get(0).startsWith("input 28x28x1, 10 classes; LIF neurons"), lines.get(0));
  }

  @Test
  void describeSizesADescriptionForItsInput() {
    CliRunner.Result result =
        CliRunner.run(
            "describe",
            "--network",
            "{\"layers\": [{\"type\": \"conv\", \"filters\": 8, \"kernel\": 5},"
                + " {\"type\": \"conv\", \"filters\": 8, \"kernel\": 5},"
                + " {\"type\": \"avgpool\", \"size\": 4}, {\"type\": \"dense\", \"units\": 40}]}",
            "--image-shape",
            "32x32x3",
            "--classes",
            "4");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("conv2      conv 5x5                 24x24x8"), result.out());
    // conv 608 + conv 1,608 + dense (6*6*8 + 1) * 40 = 11,560 + output 164
    assertTrue(result.out().contains("total") && result.out().contains("13,940"), result.out());
    assertUserError(
        CliRunner.run(
            "describe", "--network", "{\"layers\": [{\"type\": \"maxpool\", \"size\": 2}]}"),
        "--network: layer 1 (maxpool): max pooling has no spiking equivalent",
        "use avgpool");
    assertUserError(
        CliRunner.run("describe", "--image-shape", "4x4x1"),
        "the tutorial's network, for 4x4x1 images: layer 2 (conv): a 3x3 kernel does not fit its"
            + " 2x2 input");
    assertUserError(CliRunner.run("describe", "--image-shape", "28x28"), "--image-shape", "HxWxC");
    assertUserError(
        CliRunner.run("train", "--data", "d", "--model", "m.zip", "--network", "nothing.json"),
        "nothing.json: file not found");
  }

  @Test
  void usageErrorsExitTwo() {
    assertUserError(CliRunner.run("frobnicate"), "frobnicate");
    assertUserError(CliRunner.run("train", "--data", "d"), "--model");
    assertUserError(
        CliRunner.run("train", "--data", "d", "--model", "m.zip", "--epochs", "0"),
        "--epochs must be at least 1, got 0");
    // Named as given, not as the averaging window it would have shrunk to.
    assertUserError(
        CliRunner.run("train", "--data", "d", "--model", "m.zip", "--epochs", "-1"),
        "--epochs must be at least 1, got -1");
    assertUserError(
        CliRunner.run("train", "--data", "d", "--model", "m.zip", "--training-noise", "-5"),
        "--training-noise must be a finite number of Hz, at least 0, got -5");
    assertUserError(
        CliRunner.run("evaluate", "--data", "d", "--model", "m.zip", "--steps", "0"),
        "--steps must be 1-10000, got 0");
    assertUserError(
        CliRunner.run(
            "predict", "--model", "m.zip", "--input", "i", "--out", "o", "--steps", "2000000000"),
        "--steps must be 1-10000, got 2000000000");
    assertUserError(
        CliRunner.run("train", "--data", "d", "--model", "m.zip", "--train-limit", "-1"),
        "--train-limit must be at least 1 (or 0: all), got -1");
    assertUserError(
        CliRunner.run("train", "--data", "d", "--model", "m.zip", "--test-limit", "-3"),
        "--test-limit must be at least 1 (or 0: all), got -3");
    assertUserError(
        CliRunner.run("evaluate", "--data", "d", "--model", "m.zip", "--test-limit", "-2"),
        "--test-limit must be at least 1 (or 0: all), got -2");
    assertUserError(
        CliRunner.run("evaluate", "--data", "d", "--model", "m.zip", "--synapse", "-0.005"),
        "--synapse must be 0 (none) or a positive number of seconds, got -0.005");
    assertUserError(
        CliRunner.run("run", "--initial-voltage", "sideways"), "expected uniform or zero");
    assertUserError(CliRunner.run("run", "--epochs", "two"), "--epochs", "two");
    assertUserError(CliRunner.run("run", "--preset", "fancy"), "--preset", "seed or tuned");
    assertUserError(
        CliRunner.run("train", "--data", "d", "--model", "m", "--max-rate", "600"),
        "--max-rate",
        "500");
    assertUserError(
        CliRunner.run("run", "--rate-target", "-3", "--rate-weight", "1"), "--rate-target", "-3");
    assertUserError(
        CliRunner.run("run", "--rate-target", "20", "--rate-weight", "Infinity"), "--rate-weight");
    assertUserError(CliRunner.run("run", "--optimizer", "sgd"), "--optimizer", "adadelta or adam");
    assertUserError(CliRunner.run("run", "--learning-rate", "0.1"), "--optimizer adam");
    assertUserError(
        CliRunner.run("run", "--weight-decay", "0.05"),
        "--weight-decay needs --optimizer adam (AdaDelta has no learning rate to scale it by)");
    assertUserError(
        CliRunner.run("run", "--preset", "tuned", "--augment-shift", "12"), "--augment-shift");
    assertUserError(
        CliRunner.run("run", "--average-epochs", "0"), "--average-epochs must be at least 1");
    assertUserError(
        CliRunner.run("run", "--epochs", "3", "--average-epochs", "4"),
        "--average-epochs 4 exceeds the 3 epochs of training");
    assertUserError(
        CliRunner.run("bench", "spiking", "--threads", "0"), "--threads must be at least 1, got 0");
    assertUserError(CliRunner.run("fetch", "cifar"), "unknown dataset 'cifar'");
  }

  @Test
  void inspectPrintsCountsHistogramAndRange() {
    IdxFiles.writeSplit(dir, Split.TRAIN, 30, 28, 28, true);
    IdxFiles.writeSplit(dir, Split.TEST, 20, 28, 28, false);

    CliRunner.Result result = CliRunner.run("inspect", dir.toString());

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("train     30 images of 28x28"), result.out());
    assertTrue(result.out().contains("test      20 images of 28x28"), result.out());
    assertTrue(result.out().contains("pixels in [0.000, 1.000]"), result.out());
    assertTrue(result.out().contains("[3, 3, 3, 3, 3, 3, 3, 3, 3, 3]"), result.out());
  }

  private void assertInspectFails(Consumer<Path> corrupt, String file, String problem) {
    IdxFiles.writeSplit(dir, Split.TRAIN, 30, 28, 28, false);
    IdxFiles.writeSplit(dir, Split.TEST, 20, 28, 28, false);
    corrupt.accept(dir);
    CliRunner.Result result = CliRunner.run("inspect", dir.toString());
    assertUserError(result, dir.resolve(file).toString(), problem);
    assertEquals("", result.out());
  }

  @Test
  void inspectRejectsEachKindOfCorruptFile() throws IOException {
    String images = Split.TEST.imagesFile();
    String labels = Split.TEST.labelsFile();
    assertInspectFails(
        d -> IdxFiles.write(d.resolve(images), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
        images,
        "wrong magic number");
    assertInspectFails(
        d -> IdxFiles.write(d.resolve(images), IdxFiles.images(20, 28, 28, new byte[100])),
        images,
        "truncated data");
    assertInspectFails(
        d ->
            IdxFiles.write(
                d.resolve(labels), IdxFiles.concat(IdxFiles.labels(new byte[20]), new byte[3])),
        labels,
        "trailing garbage");
    assertInspectFails(
        d -> IdxFiles.write(d.resolve(labels), IdxFiles.labels(new byte[19])),
        labels,
        "image/label count mismatch");
    assertInspectFails(
        d -> IdxFiles.write(d.resolve(labels), IdxFiles.images(1, 1, 20, new byte[20])),
        labels,
        "wrong dimension count 3");
    assertInspectFails(
        d -> {
          try {
            Files.delete(d.resolve(labels));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        labels,
        "file not found");
  }

  @Test
  void inspectOfAMissingFolder() {
    String missing = dir.resolve("nothing-here").toString();
    assertUserError(CliRunner.run("inspect", missing), missing, "dataset directory not found");
  }

  @Test
  void tuningCurvesWriteTwoHundredOneRows() throws IOException {
    Path csv = dir.resolve("curves/t.csv");

    CliRunner.Result result = CliRunner.run("tuning-curves", "--out", csv.toString());

    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("u,softlif_rate,lif_rate,lif_spiking_rate", lines.get(0));
    assertEquals(202, lines.size());
    String[] first = lines.get(1).split(",");
    String[] atOne = lines.get(201).split(",");
    assertEquals(-1.0, Double.parseDouble(first[0]));
    assertEquals(0.0, Double.parseDouble(first[2])); // LIF is silent below threshold
    assertEquals(0.0, Double.parseDouble(first[3]));
    assertEquals(1.0, Double.parseDouble(atOne[0]));
    assertEquals(100.0, Double.parseDouble(atOne[1]), 0.01); // max rate at u = 1
    assertEquals(100.0, Double.parseDouble(atOne[2]), 1e-9);
    assertEquals(100.0, Double.parseDouble(atOne[3]), 1.0); // 1 s of spikes: +-1 spike
    try (var files = Files.list(csv.getParent())) {
      assertEquals(List.of(csv), files.toList(), "no temporary file left behind");
    }
  }

  /** As every command that writes, tuning-curves and export refuse an existing output. */
  @Test
  void anExistingFileIsNotReplacedWithoutModeOverwrite() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "mine");
    assertUserError(
        CliRunner.run("tuning-curves", "--out", csv.toString()), csv + ": already exists");
    assertEquals("mine", Files.readString(csv));
    CliRunner.Result replaced =
        CliRunner.run("tuning-curves", "--out", csv.toString(), "--mode", "overwrite");
    assertEquals(0, replaced.exitCode(), replaced.err());
    assertTrue(Files.readString(csv).startsWith("u,softlif_rate"));
    // Refused before the model is looked for: m.zip does not exist.
    assertUserError(
        CliRunner.run("export", "--model", "m.zip", "--format", "NIR", "--out", csv.toString()),
        csv + ": already exists");
  }

  /**
   * Runs {@code args}, which must fail at once, as before Spark starts or any data is read (their
   * data and models do not exist, so a later failure would name those instead of {@code
   * fragments}), with one line containing {@code fragments}; and leave {@link #dir} as it was.
   */
  private void assertFailsAtOnce(List<String> args, String... fragments) throws IOException {
    List<Path> before = listing();
    CliRunner.Result result = CliRunner.run(args.toArray(String[]::new));
    assertUserError(result, fragments);
    assertEquals(1, result.err().lines().count(), result.err());
    assertEquals(before, listing(), "something was written");
  }

  private List<Path> listing() throws IOException {
    try (var files = Files.walk(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void unwritableOutputsFailBeforeAnyWork() throws IOException {
    String data = dir.resolve("no-data").toString();
    String model = dir.resolve("no-model.zip").toString();
    assertFailsAtOnce(
        List.of("train", "--data", data, "--model", "/proc/none/model.zip"),
        "/proc/none/model.zip: cannot write here: ");
    assertFailsAtOnce(
        List.of("run", "--data", data, "--out", "/proc/none"),
        "/proc/none/model.zip: cannot write here: ");
    assertFailsAtOnce(
        List.of("evaluate", "--data", data, "--model", model, "--report", "/proc/none/r"),
        "/proc/none/r/report.json: cannot write here: ");
    assertFailsAtOnce(
        List.of("predict", "--model", model, "--input", data, "--out", "/proc/none/p"),
        "/proc/none/p: cannot write here: ");
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    assertFailsAtOnce(
        List.of("train", "--data", data, "--model", blocker.resolve("m/model.zip").toString()),
        blocker.resolve("m/model.zip") + ": cannot write here: ");
    // The model's folder would do (the check makes it, then takes it away again); the
    // checkpoints' would not.
    assertFailsAtOnce(
        List.of(
            "train",
            "--data",
            data,
            "--model",
            dir.resolve("new/model.zip").toString(),
            "--checkpoint-dir",
            "/proc/none/checkpoints"),
        "/proc/none/checkpoints: cannot write here: ");
  }

  /** Outputs that would destroy what they replace are refused in any mode, before any work. */
  @Test
  void outputsOverTheirInputTheRootOrAFolderAreRefused() throws IOException {
    Path table = Files.createDirectories(dir.resolve("table"));
    Files.writeString(table.resolve("part-0.csv"), "label,p0\n1,2\n");
    String csv = table.resolve("part-0.csv").toString();
    for (String input : List.of(table.toString(), csv)) {
      assertFailsAtOnce(
          List.of(
              "predict",
              "--model",
              "m.zip",
              "--input",
              input,
              "--out",
              table.toString(),
              "--mode",
              "overwrite"),
          "--out " + table + " holds the input " + input + "; choose another");
    }
    assertFailsAtOnce(
        List.of("predict", "--model", "m.zip", "--input", csv, "--out", "/", "--mode", "overwrite"),
        "/: the root folder; a table needs a folder of its own");
    Path folder = Files.createDirectories(dir.resolve("models/model.zip"));
    assertFailsAtOnce(
        List.of(
            "train",
            "--data",
            dir.resolve("no-data").toString(),
            "--model",
            folder.toString(),
            "--mode",
            "overwrite"),
        folder + ": a folder, where a file is to be written");
  }

  @Test
  void anExistingOutputIsRefusedBeforeAnyWork() throws IOException {
    Files.writeString(dir.resolve("model.json"), "{}");
    assertFailsAtOnce(
        List.of(
            "train",
            "--data",
            dir.resolve("no-data").toString(),
            "--model",
            dir.resolve("model.zip").toString()),
        dir.resolve("model.json") + ": already exists");
    Files.createDirectories(dir.resolve("predictions"));
    assertFailsAtOnce(
        List.of(
            "predict",
            "--model",
            "m.zip",
            "--input",
            "in",
            "--out",
            dir.resolve("predictions").toString()),
        dir.resolve("predictions") + ": already exists");
  }

  /** A name Hadoop reads as a URI scheme, or an empty one, is refused naming it, not as a crash. */
  @Test
  void pathsHadoopCannotReadAreRefusedInOneLine() throws IOException {
    String data = dir.resolve("no-data").toString();
    assertFailsAtOnce(
        List.of("run", "--data", data, "--out", "2024-05-01T10:30"),
        "2024-05-01T10:30/model.zip: not a path or URI Hadoop can read",
        "write ./2024-05-01T10:30/model.zip for a local name");
    assertFailsAtOnce(
        List.of("train", "--data", "", "--model", dir.resolve("m.zip").toString()),
        "'': an empty path names no file or folder");
    assertFailsAtOnce(
        List.of("train", "--data", "x:y", "--model", dir.resolve("m.zip").toString()),
        "x:y: not a path or URI Hadoop can read ('x:' reads as a URI scheme");
  }

  /** Hadoop fails outside its IOExceptions on these: the path is named all the same. */
  @Test
  void anUnknownHostOrAFileSystemWithoutItsClientIsOneLineNamingThePath() {
    assertUserError(
        CliRunner.run("inspect", "hdfs://nohost.invalid/data"),
        "hdfs://nohost.invalid/data: cannot list: cannot reach its file system:"
            + " java.net.UnknownHostException: nohost.invalid");
    assertUserError(
        CliRunner.run("inspect", "s3a://bucket/data"),
        "s3a://bucket/data: cannot list: the s3a:// client misses class",
        "(s3a:// needs the AWS SDK bundle; docs/cluster.md)");
  }

  /** Checkpoints' _SUCCESS in the output folder would mark it complete before the model is in. */
  @Test
  void checkpointsInTheOutputFolderAreRefused() throws IOException {
    String data = dir.resolve("no-data").toString();
    String out = dir.resolve("o").toString();
    assertFailsAtOnce(
        List.of("run", "--data", data, "--out", out, "--checkpoint-dir", out),
        "--checkpoint-dir "
            + out
            + " is the output folder: checkpoints need a folder of their own");
    assertFailsAtOnce(
        List.of(
            "train", "--data", data, "--model", out + "/model.zip", "--checkpoint-dir", out + "/"),
        "--checkpoint-dir " + out + "/ is the output folder");
  }

  @Test
  void tuningCurvesIntoAnUnwritablePlace() throws IOException {
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    assertUserError(
        CliRunner.run("tuning-curves", "--out", blocker.resolve("t.csv").toString()),
        "cannot write");
  }
}
