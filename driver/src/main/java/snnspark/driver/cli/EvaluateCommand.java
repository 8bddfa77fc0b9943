package snnspark.driver.cli;

import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.job.SnnJob;
import snnspark.driver.job.SparkSettings;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.report.Report;
import snnspark.worker.sim.SimulationConfig;

/** {@code snn evaluate}: runs a trained model with spiking LIF neurons across executors. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a trained model with spiking LIF neurons on Spark; write report.json.")
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Dataset folder or URI.")
  String data;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "URI",
      description = "Model written by 'snn train'.")
  String model;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Folder for report.json (default: ${DEFAULT-VALUE}).")
  String report = "out";

  @Mixin EvaluateOptions evaluation;
  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    SparkSettings sparkSettings = spark.settings();
    evaluation.validate();
    int limit = evaluation.testLimit();
    try (JavaSparkContext sc = sparkSettings.start("snn-spark evaluate")) {
      TrainedModel trained = new ModelStore(sc.hadoopConfiguration()).load(model);
      SimulationConfig config = evaluation.simulation(trained.metadata().seed());
      Report result =
          new SnnJob(sc, sparkSettings, spec.commandLine().getOut()::println)
              .evaluate(trained, data, config, limit, report);
      spec.commandLine().getOut().print(result.summary());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
