package snnspark.driver.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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
import snnspark.driver.job.SnnJob;
import snnspark.driver.job.SparkSettings;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.report.Report;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.sim.SimulationConfig;

/** {@code snn run}: the whole tutorial experiment: fetch MNIST, train, evaluate spiking, report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Fetch MNIST if missing, train with the tutorial's settings, evaluate spiking;"
            + " write <out>/model.zip and <out>/report.json.")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Dataset folder or URI (default: ${DEFAULT-VALUE}, fetched if missing).")
  String data = "data/" + KnownDataset.MNIST.id();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  String out = "out";

  @Mixin TrainOptions train;
  @Mixin EvaluateOptions evaluation;
  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    TrainSettings settings = train.settings();
    String checkpointDir = train.checkpointDir();
    SimulationConfig config = evaluation.simulation(settings.seed());
    int testLimit = evaluation.testLimit();
    SparkSettings sparkSettings = spark.settings();
    fetchIfDefaultMnist();
    try (JavaSparkContext sc = sparkSettings.start("snn-spark run")) {
      SnnJob job = new SnnJob(sc, sparkSettings, spec.commandLine().getOut()::println);
      TrainedModel model =
          job.train(data, settings, testLimit, out + "/model.zip", checkpointDir, train.resume);
      Report report = job.evaluate(model, data, config, testLimit, out);
      spec.commandLine().getOut().print(report.summary());
      spec.commandLine().getOut().flush();
    }
    return 0;
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
