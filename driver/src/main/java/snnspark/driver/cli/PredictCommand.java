package snnspark.driver.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.io.OutputMode;
import snnspark.driver.job.PredictRequest;
import snnspark.driver.job.SnnJob;
import snnspark.driver.job.SparkSettings;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.predict.InputFormat;
import snnspark.driver.predict.OutputFormat;
import snnspark.driver.predict.PredictionSummary;
import snnspark.worker.Stopwatch;
import snnspark.worker.sim.SimulationConfig;

/** {@code snn predict}: scores any image table with the spiking network into a table. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description = {
      "Score images with the spiking network: one row per image (id, label, prediction,"
          + " prediction_name, rate_prediction, confidence, output, settled_step, spikes,"
          + " synops), written by the executors as Parquet (or CSV) and marked _SUCCESS when"
          + " complete.",
      "Input: an IDX folder or images file, Parquet, CSV, or a folder of PNG/JPEG images."
    })
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainedModelOption model;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "URI",
      description = "Images to score: a path, hdfs:// or s3a:// URI.")
  String input;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "URI",
      description = "Folder of the predictions table.")
  String out;

  @Mixin TableOptions table;

  @Option(
      names = "--per-step",
      description = "Add prediction_by_step, the prediction at every step.")
  boolean perStep;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = OutputFormatConverter.class,
      description = "parquet (snappy) or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.PARQUET;

  @Mixin SimulationOptions simulation;
  @Mixin SparkOptions spark;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PredictRequest request = request();
    SparkSettings sparkSettings = spark.settings();
    OutputMode mode = output.mode();
    Stopwatch clock = Stopwatch.start();
    PredictionSummary result;
    SnnJob.checkOutputs(request, mode, sparkSettings.hadoopConfiguration());
    try (JavaSparkContext sc = sparkSettings.start("snn-spark predict")) {
      TrainedModel trained = model.load(sc.hadoopConfiguration());
      SimulationConfig config =
          simulation.simulation(
              trained.metadata().training().seed(),
              trained.metadata().training().tuning().synapseTau());
      result =
          new SnnJob(sc, sparkSettings, mode, spec.commandLine().getOut()::println)
              .predict(trained, request.withConfig(config));
    }
    printResult(result);
    Map<String, Object> summary = OutputOptions.summary("predict");
    summary.put("predictions", out);
    summary.put("images", result.images());
    summary.put("labelled", result.labelled());
    summary.put(
        "spiking_error", Double.isNaN(result.spikingError()) ? null : result.spikingError());
    summary.put("rate_error", Double.isNaN(result.rateError()) ? null : result.rateError());
    summary.put("seconds", clock.seconds());
    output.printSummary(spec.commandLine().getOut(), summary);
    return 0;
  }

  /** The request these flags make, checked before Spark starts (its config is set later). */
  private PredictRequest request() {
    simulation.validate();
    InputFormat in = table.format();
    return new PredictRequest(input, in, table.columns(), out, format, perStep, null);
  }

  private void printResult(PredictionSummary result) {
    var console = spec.commandLine().getOut();
    console.printf(
        Locale.ROOT,
        "%d predictions written to %s in %.1f s (%.0f image-steps/s)%n",
        result.images(),
        out,
        result.seconds(),
        result.images() * simulation.steps / result.seconds());
    if (result.labelled() > 0) {
      console.printf(
          Locale.ROOT,
          "on the %d labelled images: spiking error %.2f%%, rate error %.2f%%%n",
          result.labelled(),
          100 * result.spikingError(),
          100 * result.rateError());
    }
    console.flush();
  }

  /** Accepts the formats in any case. */
  static final class OutputFormatConverter extends LowerCaseEnumConverter<OutputFormat> {
    OutputFormatConverter() {
      super(OutputFormat.class);
    }
  }
}
