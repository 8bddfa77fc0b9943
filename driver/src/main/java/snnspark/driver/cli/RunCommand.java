package snnspark.driver.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.datasets.DatasetFetcher;
import snnspark.datasets.KnownDataset;
import snnspark.driver.evaluate.SpikingEvaluator;
import snnspark.driver.io.OutputMode;
import snnspark.driver.job.EvaluateRequest;
import snnspark.driver.job.SnnJob;
import snnspark.driver.job.SparkSettings;
import snnspark.driver.job.TrainRequest;
import snnspark.driver.report.Report;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.Stopwatch;
import snnspark.worker.sim.SimulationConfig;

/** {@code snn run}: the whole tutorial experiment: fetch MNIST, train, evaluate spiking, report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description =
        "Fetch MNIST if missing, train with the tutorial's settings, evaluate spiking;"
            + " write <out>/model.zip and <out>/report.json.")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "IDX dataset folder or URI (default: data/mnist, fetched if missing; or --train and"
              + " --test).")
  String data;

  @Mixin TrainingDataOptions images;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  String out = DefaultPaths.OUT;

  @Mixin TrainOptions train;
  @Mixin EvaluateOptions evaluation;
  @Mixin SparkOptions spark;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    TrainSettings settings = train.settings();
    if (evaluation.synapseGiven() != null) {
      // The model records the synapse it was evaluated with, for later evaluate and predict runs.
      settings = settings.withTuning(settings.tuning().withSynapse(evaluation.synapseGiven()));
    }
    SimulationConfig config =
        evaluation.simulation(settings.seed(), settings.tuning().synapseTau());
    int testLimit = evaluation.testLimit();
    SparkSettings sparkSettings = spark.settings();
    OutputMode mode = output.mode();
    Stopwatch clock = Stopwatch.start();
    String model = out + "/" + DefaultPaths.MODEL_FILE;
    if (data == null && !images.given()) {
      data = DefaultPaths.MNIST;
    }
    TrainingDataOptions.Sets sets = images.sets(data, settings.seed());
    TrainRequest trainRequest = sets.trainRequest(settings, train, testLimit, model);
    EvaluateRequest evaluateRequest =
        new EvaluateRequest(sets.evaluated(), sets.holdout(), config, testLimit, out, null);
    SnnJob.checkOutputs(trainRequest, evaluateRequest, mode, sparkSettings.hadoopConfiguration());
    if (data != null) {
      fetchIfDefaultMnist();
    }
    try (JavaSparkContext sc = sparkSettings.start("snn-spark run")) {
      SnnJob job = new SnnJob(sc, sparkSettings, mode, spec.commandLine().getOut()::println);
      Report report = job.run(trainRequest, evaluateRequest);
      spec.commandLine().getOut().print(report.summary());
      spec.commandLine().getOut().flush();
      Map<String, Object> summary = reportSummary("run", report, out);
      summary.put("model", model);
      summary.put("seconds", clock.seconds());
      output.printSummary(spec.commandLine().getOut(), summary);
    }
    return 0;
  }

  /** The summary fields of a spiking evaluation's report. */
  static Map<String, Object> reportSummary(String command, Report report, String reportDir) {
    Map<String, Object> summary = OutputOptions.summary(command);
    summary.put("rate_error", report.rateError());
    summary.put("spiking_error", report.spikingError());
    summary.put("n_test", report.nTest());
    summary.put("n_steps", report.nSteps());
    summary.put("neurons", report.neurons());
    summary.put("report", reportDir + "/" + Report.FILE);
    summary.put("train_seconds", report.training().trainSeconds());
    summary.put("eval_seconds", report.evalSeconds());
    return summary;
  }

  /**
   * {@code data/<known name>} that is missing locally is fetched; anything else, a URI such as
   * {@code hdfs://…/mnist} included, is used as is.
   */
  private void fetchIfDefaultMnist() {
    if (SpikingEvaluator.isShared(data)) {
      return; // Path.of would read hdfs://host/data/mnist as a local folder and fetch into it
    }
    Path local = Path.of(data);
    if (local.getParent() == null || !Files.notExists(local)) {
      return;
    }
    for (KnownDataset known : KnownDataset.values()) {
      if (local.getFileName().toString().equals(known.id())) {
        spec.commandLine().getOut().println(known.id() + " missing: fetching it into " + local);
        new DatasetFetcher(local.getParent()).fetch(known);
      }
    }
  }
}
