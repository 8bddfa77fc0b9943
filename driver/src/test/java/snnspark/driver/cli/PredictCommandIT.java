package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.datasets.SharedSparkContext;
import snnspark.driver.io.Json;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.neuron.NeuronModel;
import snnspark.worker.sim.EventDrivenNetwork;
import snnspark.worker.sim.SimulationConfig;

/**
 * {@code snn predict} on real files holding the same MNIST test images in every input format: the
 * same predictions as the simulator, the documented table, {@code _SUCCESS}, output modes.
 */
class PredictCommandIT {
  private static final int IMAGES = 60;
  private static final int STEPS = 20;

  @TempDir static Path dir;
  private static Dataset images;
  private static String model;
  private static int[] expected;

  @BeforeAll
  static void fixtures() {
    images = ImageFixtures.testImages(IMAGES);
    model = ImageFixtures.trainedModel(dir, 20);
    ImageFixtures.idx(dir.resolve("idx"), images);
    ImageFixtures.pngs(dir.resolve("png"), images);
    ImageFixtures.csvColumns(dir.resolve("csv/images.csv"), images);
    SparkSession spark = ImageFixtures.spark();
    try {
      ImageFixtures.parquet(spark, dir.resolve("images.parquet"), images);
    } finally {
      spark.stop();
    }
    TrainedModel trained = new ModelStore(new Configuration()).load(model);
    expected =
        new EventDrivenNetwork(ImageFixtures.ARCH, trained.network().params())
            .finalPredictions(images, config(trained.metadata().training().seed()), 100);
  }

  /** What predict simulates by default: the tutorial's settings, the model's random seed. */
  static SimulationConfig config(long seed) {
    return new SimulationConfig(
        STEPS,
        SimulationConfig.DT,
        SimulationConfig.OUTPUT_SYNAPSE_TAU,
        0,
        InitialVoltage.UNIFORM,
        seed,
        NeuronModel.LIF);
  }

  private static CliRunner.Result predict(String input, Path out, String... more) {
    JobArgs args =
        JobArgs.command("predict")
            .model(model)
            .flag("--input", input)
            .out(out)
            .steps(STEPS)
            .local();
    for (String flag : more) {
      args.switchOn(flag);
    }
    return args.run();
  }

  /** The table's predictions by image index, from ids that are indices or PNG names. */
  private static int[] predictions(Path table) {
    SparkSession spark = ImageFixtures.spark();
    try {
      int[] byIndex = new int[IMAGES];
      Arrays.fill(byIndex, -1);
      for (Row row : spark.read().parquet(table.toString()).collectAsList()) {
        String id = row.getString(row.fieldIndex("id"));
        int index =
            id.endsWith(".png")
                ? Integer.parseInt(id.substring(id.lastIndexOf("img-") + 4, id.length() - 4))
                : Integer.parseInt(id);
        byIndex[index] = row.getInt(row.fieldIndex("prediction"));
      }
      return byIndex;
    } finally {
      spark.stop();
    }
  }

  @Test
  void everyInputFormatGivesTheSimulatorsPredictions() {
    for (String input : List.of("idx", "images.parquet", "csv/images.csv", "png")) {
      Path out = dir.resolve("out-" + input.replace('/', '-'));
      CliRunner.Result run = predict(dir.resolve(input).toString(), out);
      assertEquals(0, run.exitCode(), input + ": " + run.out() + run.err());
      assertTrue(Files.exists(out.resolve("_SUCCESS")), input + ": no _SUCCESS");
      assertArrayEquals(expected, predictions(out), input);
    }
  }

  @Test
  void tableHasTheDocumentedColumnsAndTheErrorOfItsLabels() throws IOException {
    Path out = dir.resolve("schema");
    CliRunner.Result run =
        predict(dir.resolve("idx").toString(), out, "--per-step", "--summary-json");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    SparkSession spark = ImageFixtures.spark();
    try {
      StructType schema = spark.read().parquet(out.toString()).schema();
      assertEquals(
          List.of(
              "id",
              "label",
              "prediction",
              "prediction_name",
              "rate_prediction",
              "confidence",
              "output",
              "settled_step",
              "spikes",
              "synops",
              "prediction_by_step"),
          Arrays.asList(schema.fieldNames()));
      assertEquals("array<float>", schema.apply("output").dataType().simpleString());
      assertEquals("map<string,bigint>", schema.apply("spikes").dataType().simpleString());
      Row first = spark.read().parquet(out.toString()).where("id = '0'").first();
      assertEquals(STEPS, first.getList(first.fieldIndex("prediction_by_step")).size());
      assertEquals(10, first.getList(first.fieldIndex("output")).size());
      double confidence = first.getDouble(first.fieldIndex("confidence"));
      assertTrue(confidence > 0 && confidence <= 1, "confidence " + confidence);
      assertTrue(first.getLong(first.fieldIndex("synops")) > 0);
    } finally {
      spark.stop();
    }
    String[] lines = run.out().strip().split("\n");
    JsonNode summary = Json.MAPPER.readTree(lines[lines.length - 1]);
    int wrong = 0;
    for (int i = 0; i < IMAGES; i++) {
      wrong += expected[i] != images.label(i) ? 1 : 0;
    }
    assertEquals(IMAGES, summary.get("images").asInt());
    assertEquals((double) wrong / IMAGES, summary.get("spiking_error").asDouble(), 1e-12);
  }

  @Test
  void anExistingOutputIsRefusedUnlessOverwritten() {
    Path out = dir.resolve("twice");
    assertEquals(0, predict(dir.resolve("idx").toString(), out).exitCode());
    CliRunner.Result again = predict(dir.resolve("idx").toString(), out);
    assertEquals(SnnCli.EXIT_USAGE, again.exitCode());
    assertTrue(again.err().contains("already exists"), again.err());
    CliRunner.Result replaced = predict(dir.resolve("idx").toString(), out, "--mode", "overwrite");
    assertEquals(0, replaced.exitCode(), replaced.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void evaluateWritesPredictionsInTheSamePassAndMarksItsFolders() throws IOException {
    Path report = dir.resolve("eval/report");
    Path table = dir.resolve("eval/predictions");
    List<String> args =
        List.of(
            "evaluate",
            "--data",
            dir.resolve("idx").toString(),
            "--model",
            model,
            "--report",
            report.toString(),
            "--predictions",
            table.toString(),
            "--steps",
            String.valueOf(STEPS),
            "--master",
            SharedSparkContext.MASTER,
            "--event-log-dir",
            Files.createDirectories(dir.resolve("events")).toString());
    CliRunner.Result run = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(Files.exists(report.resolve("_SUCCESS")), "report folder not marked complete");
    assertTrue(Files.exists(table.resolve("_SUCCESS")), "predictions not marked complete");
    JsonNode json = Json.MAPPER.readTree(report.resolve("report.json").toFile());
    int[] predicted = predictions(table);
    int wrong = 0;
    for (int i = 0; i < IMAGES; i++) {
      wrong += predicted[i] != images.label(i) ? 1 : 0;
    }
    assertArrayEquals(expected, predicted);
    assertEquals((double) wrong / IMAGES, json.get("spiking_error").asDouble(), 1e-12);
    try (var events = Files.list(dir.resolve("events"))) {
      assertTrue(events.findAny().isPresent(), "no Spark event log written");
    }

    CliRunner.Result again = CliRunner.run(args.subList(0, 9).toArray(String[]::new));
    assertEquals(SnnCli.EXIT_USAGE, again.exitCode(), again.out());
    assertTrue(again.err().contains("report.json: already exists"), again.err());
  }

  @Test
  void clusterMastersOutsideSparkSubmitAreRefusedAtOnce() {
    CliRunner.Result yarn =
        CliRunner.run(
            "evaluate", "--data", "d", "--model", model, "--master", "yarn", "--steps", "5");
    assertEquals(SnnCli.EXIT_USAGE, yarn.exitCode(), yarn.out() + yarn.err());
    assertTrue(yarn.err().contains("needs spark-submit"), yarn.err());
    assertTrue(yarn.err().contains("deploy/submit-yarn.sh"), yarn.err());
  }

  @Test
  void csvOutputFlattensArraysAndMaps() throws IOException {
    Path out = dir.resolve("csv-out");
    CliRunner.Result run = predict(dir.resolve("idx").toString(), out, "--format", "csv");
    assertEquals(0, run.exitCode(), run.err());
    Path part =
        Files.list(out).filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
    String header = Files.readAllLines(part).get(0);
    assertEquals(
        "id,label,prediction,prediction_name,rate_prediction,confidence,output,settled_step,spikes_conv1,"
            + "spikes_conv2,spikes_dense,synops",
        header);
    assertFalse(Files.list(out).anyMatch(p -> p.getFileName().toString().startsWith(".")));
  }
}
