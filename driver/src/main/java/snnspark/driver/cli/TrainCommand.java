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
import snnspark.driver.job.SnnJob;
import snnspark.driver.job.SparkSettings;
import snnspark.driver.job.TrainRequest;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.Stopwatch;

/** {@code snn train}: trains the SoftLIF rate network on Spark and saves it. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description = "Train the SoftLIF rate network by parameter averaging on Spark; save the model.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "IDX dataset folder or URI (or --train and --test).")
  String data;

  @Mixin TrainingDataOptions images;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "URI",
      description = "Model file to write (.zip).")
  String model;

  @Option(
      names = "--test-limit",
      paramLabel = "N",
      description = "Measure the rate error on the first N test images only (default: 0, all).")
  Integer testLimit;

  @Mixin TrainOptions train;
  @Mixin SparkOptions spark;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    TrainSettings settings = train.settings();
    SparkSettings sparkSettings = spark.settings();
    int limit = EvaluateOptions.limit(testLimit);
    OutputMode mode = output.mode();
    Stopwatch clock = Stopwatch.start();
    TrainingDataOptions.Sets sets = images.sets(data, settings.seed());
    TrainRequest request = sets.trainRequest(settings, train, limit, model);
    SnnJob.checkOutputs(request, mode, sparkSettings.hadoopConfiguration());
    TrainedModel trained;
    try (JavaSparkContext sc = sparkSettings.start("snn-spark train")) {
      trained =
          new SnnJob(sc, sparkSettings, mode, spec.commandLine().getOut()::println).train(request);
    }
    Map<String, Object> summary = OutputOptions.summary("train");
    summary.put("model", model);
    summary.put("rate_error", trained.metadata().rateError());
    summary.put("n_test", trained.metadata().nTest());
    summary.put("seconds", clock.seconds());
    output.printSummary(spec.commandLine().getOut(), summary);
    return 0;
  }
}
