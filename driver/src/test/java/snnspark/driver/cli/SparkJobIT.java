package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.IdxFiles;
import snnspark.datasets.SharedSparkContext;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.driver.evaluate.SpikingEvaluator;
import snnspark.driver.io.Json;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.NetworkJson;
import snnspark.driver.model.TrainedModel;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.sim.SpikingResult;

/**
 * The whole job in local Spark with 2 workers on a real MNIST subset: 6,000 training images for one
 * epoch, 1,000 test images for 20 steps.
 */
class SparkJobIT {
  private static final int TEST_IMAGES = 1000;
  private static final int STEPS = 20;

  @TempDir static Path dir;
  private static Path out;
  private static CliRunner.Result run;

  @BeforeAll
  static void runTheJob() {
    out = dir.resolve("out");
    run =
        JobArgs.of("run")
            .out(out)
            .local()
            .trainImages(6000)
            .epochs(1)
            .batchSize(100)
            .testImages(TEST_IMAGES)
            .steps(STEPS)
            .run();
    System.out.println(run.out() + run.err()); // the figures, kept in the surefire report
  }

  @Test
  void reportHasEveryKeyAndTheRunsSettings() throws IOException {
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    for (String key :
        List.of(
            "dataset",
            "n_train",
            "n_test",
            "epochs",
            "workers",
            "batch_size_per_worker",
            "averaging_frequency",
            "seed",
            "rate_error",
            "spiking_error",
            "n_steps",
            "error_by_step",
            "confusion",
            "firing_rate_hz",
            "synops_per_image",
            "macs_per_image",
            "energy_per_image_joules",
            "energy_model",
            "train_seconds",
            "train_images_per_second",
            "eval_seconds",
            "eval_image_steps_per_second",
            "initial_voltage",
            "neurons",
            "machine")) {
      assertTrue(report.has(key), key + " missing");
    }
    assertEquals("uniform", report.get("initial_voltage").asText());
    assertEquals("lif", report.get("neurons").asText());
    assertEquals(6000, report.get("n_train").asInt());
    assertEquals(TEST_IMAGES, report.get("n_test").asInt());
    assertEquals(2, report.get("workers").asInt());
    assertEquals(STEPS, report.get("n_steps").asInt());
  }

  @Test
  void reportsErrorsFallOverTimeAndCountEveryTestImage() throws IOException {
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    double rateError = report.get("rate_error").asDouble();
    double spikingError = report.get("spiking_error").asDouble();
    assertTrue(rateError < 0.15, "rate error " + rateError);
    assertTrue(spikingError < 0.20, "spiking error " + spikingError);
    JsonNode byStep = report.get("error_by_step");
    assertEquals(STEPS, byStep.size());
    assertEquals(spikingError, byStep.get(STEPS - 1).asDouble());
    assertTrue(
        byStep.get(STEPS - 1).asDouble() < byStep.get(2).asDouble(), "error falls over time");
    long confused = 0;
    for (JsonNode row : report.get("confusion")) {
      for (JsonNode count : row) {
        confused += count.asLong();
      }
    }
    assertEquals(TEST_IMAGES, confused);
    assertTrue(run.out().contains("spiking error"), run.out());
  }

  @Test
  void reportsActivityAndEnergyThatGrowsWithEveryStep() throws IOException {
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    for (String layer : SnnArchitecture.NEURON_LAYERS) {
      double rate = report.get("firing_rate_hz").get(layer).asDouble();
      assertTrue(rate > 0 && rate < 1 / NeuronTiming.TAU_REF, layer + " rate " + rate);
      assertTrue(report.get("synops_per_image").get(layer).asDouble() > 0, layer);
    }
    assertEquals(6_094_208L, report.get("macs_per_image").asLong());
    JsonNode energy = report.get("energy_per_image_joules");
    assertEquals(6_094_208L * 4.6e-12, energy.get("rate").asDouble(), 1e-15);
    JsonNode spikingByStep = energy.get("spiking_by_step");
    assertEquals(STEPS, spikingByStep.size());
    assertEquals(energy.get("spiking").asDouble(), spikingByStep.get(STEPS - 1).asDouble());
    for (int t = 1; t < STEPS; t++) {
      // Each step adds at least the neurons' updates, so the energy grows with every step.
      assertTrue(
          spikingByStep.get(t).asDouble() > spikingByStep.get(t - 1).asDouble(), "step " + t);
    }
    assertTrue(run.out().contains("energy/image"), run.out());
  }

  @Test
  void evaluationUnderNirSemanticsIsRecordedAsSuch() throws IOException {
    Path nir = dir.resolve("nir");
    CliRunner.Result result =
        JobArgs.of("evaluate")
            .model(out.resolve("model.zip").toString())
            .report(nir)
            .local()
            .testImages(300)
            .steps(STEPS)
            .flag("--neurons", "nir")
            .run();

    assertEquals(0, result.exitCode(), result.out() + result.err());
    JsonNode report = Json.MAPPER.readTree(nir.resolve("report.json").toFile());
    assertEquals("nir", report.get("neurons").asText());
    assertEquals("zero", report.get("initial_voltage").asText());
    // Voltages from 0 need a few steps before the output moves; by 20 it classifies.
    double error = report.get("spiking_error").asDouble();
    assertTrue(error < 0.5, "NIR-semantics error " + error);
    assertTrue(report.get("error_by_step").get(0).asDouble() > error, "error falls over time");
  }

  @Test
  void distributedPredictionsEqualOneProcessRun() {
    TrainedModel model =
        new ModelStore(new Configuration()).load(out.resolve("model.zip").toString());
    SnnArchitecture arch = model.metadata().architecture();
    Dataset test =
        new DatasetLoader().load(TestDatasets.mnist().toString(), Split.TEST).head(TEST_IMAGES);
    SimulationConfig config = SimulationConfig.tutorial(STEPS);
    TrainedWeights weights = TrainedWeights.of(arch, model.network().params());
    Dataset denseSubset = test.head(100); // the dense reference runs about 200 image-steps/s

    int[] distributedEvents;
    int[] distributedDense;
    try (JavaSparkContext sc = new JavaSparkContext(SharedSparkContext.testConf("predictions"))) {
      distributedEvents =
          new SpikingEvaluator(sc, 3, SimulatorKind.EVENT_DRIVEN)
              .predictions(weights, test, config);
      distributedDense =
          new SpikingEvaluator(sc, 3, SimulatorKind.DENSE)
              .predictions(weights, denseSubset, config);
    }

    assertArrayEquals(
        finalPredictions(
            SimulatorKind.EVENT_DRIVEN
                .create(arch, weights.paramsArray())
                .run(ImageBatch.of(test), config)),
        distributedEvents);
    assertArrayEquals(
        finalPredictions(
            SimulatorKind.DENSE
                .create(arch, weights.paramsArray())
                .run(ImageBatch.of(denseSubset), config)),
        distributedDense);
  }

  private static int[] finalPredictions(SpikingResult result) {
    int[] p = new int[result.images()];
    for (int i = 0; i < p.length; i++) {
      p[i] = result.finalPrediction(i);
    }
    return p;
  }

  @Test
  void missingModelIsOneLine() {
    String missing = dir.resolve("none/model.zip").toString();
    CliRunner.Result result =
        CliRunner.run(
            "evaluate",
            "--data",
            TestDatasets.mnist().toString(),
            "--model",
            missing,
            "--master",
            "local[1]");
    assertEquals(SnnCli.EXIT_USAGE, result.exitCode());
    assertEquals(
        "snn: " + missing + ": model not found (train one with 'snn train')", result.err().strip());
  }

  @Test
  void modelOfAnotherArchitectureIsRejected() throws IOException {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    MultiLayerNetwork tiny =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(
                    new OutputLayer.Builder()
                        .nIn(784)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    tiny.init();
    File zip = other.resolve("model.zip").toFile();
    ModelSerializer.writeModel(tiny, zip, false);
    // The tutorial's metadata, as a model from before digests had it: the architecture check,
    // not the zip's digest, is what refuses this model.
    ObjectNode metadata = (ObjectNode) Json.MAPPER.readTree(out.resolve("model.json").toFile());
    metadata.remove(List.of("zip_sha256", "parameters_sha256"));
    Json.MAPPER.writeValue(other.resolve("model.json").toFile(), metadata);

    CliRunner.Result result =
        CliRunner.run(
            "evaluate",
            "--data",
            TestDatasets.mnist().toString(),
            "--model",
            zip.toString(),
            "--report",
            other.toString(),
            "--master",
            "local[1]");

    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertTrue(
        result.err().startsWith("snn: " + zip + ": model of another architecture"), result.err());
    assertFalse(Files.exists(other.resolve("report.json")));
  }

  @Test
  void imagesOfAnotherSizeTrainTheNetworkTheUserDescribed() throws IOException {
    Path images = dir.resolve("images32");
    IdxFiles.writeSplit(images, Split.TRAIN, 40, 32, 32, false);
    IdxFiles.writeSplit(images, Split.TEST, 10, 32, 32, false);
    // Not the tutorial's form: a strided same-padded conv, two dense layers, dropout between.
    String network =
        "{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 5},"
            + " {\"type\": \"conv\", \"filters\": 6, \"kernel\": 3, \"stride\": 2,"
            + " \"padding\": \"same\"}, {\"type\": \"avgpool\", \"size\": 2},"
            + " {\"type\": \"dense\", \"units\": 16}, {\"type\": \"dropout\", \"rate\": 0.2},"
            + " {\"type\": \"dense\", \"units\": 8}]}";
    Path own = dir.resolve("own-network");

    CliRunner.Result result =
        JobArgs.of("run")
            .data(images.toString())
            .flag("--network", network)
            .out(own)
            .local()
            .epochs(1)
            .batchSize(20)
            .steps(5)
            .run();

    assertEquals(0, result.exitCode(), result.err());
    JsonNode model = Json.MAPPER.readTree(own.resolve("model.json").toFile());
    assertEquals(32, model.path("architecture").path("rows").asInt());
    assertEquals(
        NetworkJson.parse(network, "test"),
        NetworkJson.fromTree(model.path("architecture").path("network"), "model.json"));
    JsonNode report = Json.MAPPER.readTree(own.resolve("report.json").toFile());
    assertEquals(
        List.of("conv1", "conv2", "dense1", "dense2"),
        iterableToList(report.path("firing_rate_hz")));
    assertEquals(10, report.path("n_test").asInt(), report.toString());
    CliRunner.Result described = CliRunner.run("describe", "--model", own + "/model.zip");
    assertTrue(described.out().startsWith("input 32x32x1, 10 classes"), described.out());
    assertTrue(
        described.out().contains("conv2      conv 3x3 stride 2 same   14x14x6"), described.out());
    assertExportsToNpzButNotToNir(own);
    assertTheTutorialsModelRefuses(images);
  }

  /** The model in {@code own}, whose conv 2 pads unevenly, exports to npz and not to NIR. */
  private void assertExportsToNpzButNotToNir(Path own) {
    Path npz = dir.resolve("own.npz");
    CliRunner.Result exported =
        CliRunner.run(
            "export", "--model", own + "/model.zip", "--format", "npz", "--out", npz.toString());
    assertEquals(0, exported.exitCode(), exported.err());
    CliRunner.Result nir =
        CliRunner.run(
            "export", "--model", own + "/model.zip", "--format", "nir", "--out", dir + "/x.nir");
    assertEquals(SnnCli.EXIT_USAGE, nir.exitCode(), nir.err());
    assertEquals(
        "snn: "
            + own
            + "/model.zip: export to NIR: layer 2 (conv): padding same adds 1x1 zeros, one more"
            + " after than before, and NIR's Conv2d pads both sides alike (use an odd kernel with"
            + " stride 1, or padding valid)",
        nir.err().strip());
  }

  /** The tutorial's model, trained on 28x28 images, refuses the 32x32 {@code images}. */
  private void assertTheTutorialsModelRefuses(Path images) {
    CliRunner.Result other =
        CliRunner.run(
            "evaluate",
            "--data",
            images.toString(),
            "--model",
            out.resolve("model.zip").toString(),
            "--report",
            dir.resolve("not-written").toString(),
            "--master",
            "local[1]");
    assertEquals(SnnCli.EXIT_USAGE, other.exitCode(), other.err());
    assertEquals(1, other.err().strip().lines().count(), other.err());
    assertTrue(
        other.err().contains("images are 32x32 pixels, the network expects 28x28"), other.err());
    assertFalse(Files.exists(dir.resolve("not-written/report.json")));
  }

  @Test
  void theClassesAreTheLabelsOfTheTrainingData() throws IOException {
    Path model = trainedFourClassModel();
    JsonNode json = Json.MAPPER.readTree(model.resolve("model.json").toFile());
    assertEquals(4, json.path("architecture").path("classes").asInt(), json.toString());
    assertEquals(
        List.of("0", "1", "2", "3"),
        Json.MAPPER.convertValue(json.path("class_names"), new TypeReference<List<String>>() {}));
    Path scored = dir.resolve("four-scored");
    CliRunner.Result predicted =
        CliRunner.run(
            "predict",
            "--model",
            model + "/model.zip",
            "--input",
            dir.resolve("four-classes").resolve(Split.TEST.imagesFile()).toString(),
            "--out",
            scored.toString(),
            "--format",
            "csv",
            "--steps",
            "5",
            "--master",
            "local[1]");
    assertEquals(0, predicted.exitCode(), predicted.err());
    List<String> rows = csvLines(scored);
    assertTrue(rows.get(0).startsWith("id,label,prediction,prediction_name,"), rows.get(0));
    rows.removeIf(row -> row.startsWith("id,"));
    assertEquals(8, rows.size(), rows.toString());
    for (String row : rows) {
      String[] cells = row.split(",");
      assertTrue(List.of("0", "1", "2", "3").contains(cells[2]), row);
      assertEquals(cells[2], cells[3], row); // the names of index-labelled classes are the indices
    }

    Path five = dir.resolve("five-classes");
    IdxFiles.writeSplit(five, Split.TEST, 8, 12, 12, new byte[] {0, 1, 2, 3, 4, 0, 1, 2}, false);
    CliRunner.Result evaluated =
        CliRunner.run(
            "evaluate",
            "--data",
            five.toString(),
            "--model",
            model + "/model.zip",
            "--report",
            dir.resolve("five-report").toString(),
            "--master",
            "local[1]");
    assertEquals(SnnCli.EXIT_USAGE, evaluated.exitCode(), evaluated.err());
    assertEquals(
        "snn: "
            + five.resolve(Split.TEST.labelsFile())
            + ": label 4 at index 4 is not one of the 4 classes 0..3",
        evaluated.err().strip());
    assertFalse(Files.exists(dir.resolve("five-report/report.json")));
  }

  /** Trains a small network on 12x12 IDX images labelled 0..3; returns the model's folder. */
  private Path trainedFourClassModel() {
    Path four = dir.resolve("four-classes");
    byte[] labels = new byte[24];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i % 4);
    }
    IdxFiles.writeSplit(four, Split.TRAIN, 24, 12, 12, labels, false);
    IdxFiles.writeSplit(four, Split.TEST, 8, 12, 12, Arrays.copyOf(labels, 8), false);
    String network =
        "{\"layers\": [{\"type\": \"conv\", \"filters\": 2, \"kernel\": 3},"
            + " {\"type\": \"dense\", \"units\": 6}]}";
    Path model = dir.resolve("four-model");
    CliRunner.Result trained =
        JobArgs.of("train")
            .data(four.toString())
            .flag("--network", network)
            .flag("--model", model + "/model.zip")
            .local()
            .epochs(1)
            .batchSize(8)
            .run();
    assertEquals(0, trained.exitCode(), trained.err());
    return model;
  }

  /** Every line of the CSV parts in {@code folder}. */
  private static List<String> csvLines(Path folder) throws IOException {
    List<String> rows = new ArrayList<>();
    try (var parts = Files.list(folder)) {
      for (Path part : parts.filter(p -> p.toString().endsWith(".csv")).toList()) {
        rows.addAll(Files.readAllLines(part));
      }
    }
    return rows;
  }

  @Test
  void aNetworkThatDoesNotFitTheImagesLeavesNothingBehind() {
    Path images = dir.resolve("images5");
    IdxFiles.writeSplit(images, Split.TRAIN, 20, 5, 5, false);
    IdxFiles.writeSplit(images, Split.TEST, 10, 5, 5, false);
    Path failedOut = dir.resolve("failed-run");

    CliRunner.Result result =
        CliRunner.run(
            "run",
            "--data",
            images.toString(),
            "--out",
            failedOut.toString(),
            "--master",
            "local[1]");

    assertEquals(SnnCli.EXIT_USAGE, result.exitCode(), result.err());
    assertEquals(
        "snn: the tutorial's network, for 5x5x1 images: layer 3 (avgpool): a 2x2 pool does not fit"
            + " its 1x1 input",
        result.err().strip());
    assertFalse(Files.exists(failedOut.resolve("model.zip")));
    assertFalse(Files.exists(failedOut.resolve("report.json")));
  }

  private static List<String> iterableToList(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Upper bound of any LIF rate: one spike per refractory period. */
  private static final class NeuronTiming {
    static final double TAU_REF = snnspark.worker.neuron.NeuronParams.TUTORIAL.tauRef();
  }
}
