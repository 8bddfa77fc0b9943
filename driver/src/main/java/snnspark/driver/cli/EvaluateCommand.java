package snnspark.driver.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.io.OutputMode;
import snnspark.driver.job.EvaluateRequest;
import snnspark.driver.job.SnnJob;
import snnspark.driver.job.SparkSettings;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.predict.ImageInput;
import snnspark.driver.report.Report;
import snnspark.worker.Stopwatch;
import snnspark.worker.neuron.NeuronModel;
import snnspark.worker.sim.SimulationConfig;

/** {@code snn evaluate}: runs a trained model with spiking LIF neurons across executors. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description = "Evaluate a trained model with spiking LIF neurons on Spark; write report.json.")
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description =
          "Test images: an IDX folder or URI (its test split), or a folder of PNG/JPEG images"
              + " with one subfolder per class.")
  String data;

  @Mixin TrainedModelOption model;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Folder for report.json (default: ${DEFAULT-VALUE}).")
  String report = DefaultPaths.OUT;

  @Option(
      names = "--predictions",
      paramLabel = "URI",
      description =
          "Also write the per-image predictions table (Parquet) of the test set to this folder,"
              + " in the same pass.")
  String predictions;

  @Mixin EvaluateOptions evaluation;
  @Mixin SparkOptions spark;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    SparkSettings sparkSettings = spark.settings();
    evaluation.validate();
    int limit = evaluation.testLimit();
    OutputMode mode = output.mode();
    Stopwatch clock = Stopwatch.start();
    EvaluateRequest request =
        new EvaluateRequest(ImageInput.of(data), null, null, limit, report, predictions);
    SnnJob.checkOutputs(request, mode, sparkSettings.hadoopConfiguration());
    try (JavaSparkContext sc = sparkSettings.start("snn-spark evaluate")) {
      TrainedModel trained = model.load(sc.hadoopConfiguration());
      SimulationConfig config =
          evaluation.simulation(
              trained.metadata().training().seed(),
              trained.metadata().training().tuning().synapseTau());
      Report result =
          new SnnJob(sc, sparkSettings, mode, spec.commandLine().getOut()::println)
              .evaluate(trained, request.withConfig(config));
      spec.commandLine().getOut().print(result.summary());
      if (config.neuronModel() == NeuronModel.NIR) {
        spec.commandLine()
            .getOut()
            .println(
                "neurons: nir, what the NIR export means (LIF without refractory period, forward"
                    + " Euler, voltages from 0; docs/outputs.md)");
      }
      spec.commandLine().getOut().flush();
      Map<String, Object> summary = RunCommand.reportSummary("evaluate", result, report);
      summary.put("predictions", predictions);
      summary.put("seconds", clock.seconds());
      output.printSummary(spec.commandLine().getOut(), summary);
    }
    return 0;
  }
}
