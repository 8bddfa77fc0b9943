package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.evaluate.SpikingEvaluator;
import snnspark.driver.job.SparkSettings;

/** Where the job runs: {@code --master} and {@code --workers}, shared by the Spark commands. */
public final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: what spark-submit gives, else local[*]).")
  String master;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Training workers, and the spiking evaluation's parallelism ("
              + SpikingEvaluator.PARTITIONS_PER_WORKER
              + " partitions each; default: Spark's default parallelism).")
  Integer workers;

  @Option(
      names = "--event-log-dir",
      paramLabel = "URI",
      description =
          "Write Spark's event log into this existing folder, for the history server (default:"
              + " none).")
  String eventLogDir;

  /** The settings these flags give, checked before anything starts. */
  SparkSettings settings() {
    return new SparkSettings(master, workers, eventLogDir);
  }
}
