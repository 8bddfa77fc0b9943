package snnspark.driver;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Option;

/** Where the job runs: {@code --master} and {@code --workers}, shared by the Spark commands. */
public final class SparkOptions {
  /** Master when neither {@code --master} nor spark-submit gives one: every local core. */
  static final String DEFAULT_MASTER = "local[*]";

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: what spark-submit gives, else local[*]).")
  String master;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Training workers / evaluation partitions (default: Spark's default parallelism).")
  Integer workers;

  /**
   * Starts a SparkContext. Settings from spark-submit ({@code spark.*} system properties) win over
   * these defaults; {@code --master} wins over both.
   */
  JavaSparkContext start(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(DEFAULT_MASTER);
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Kryo with ND4J's registrator (and Java serialisation for this project's records).
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.kryo.registrator", "snnspark.worker.SnnKryoRegistrator");
    // Spark >= 3.4 pins an executor's OMP_NUM_THREADS to spark.task.cpus (1) unless set. One
    // native thread per task slot is right here: each core already runs its own task, and more
    // threads would only contend. Said explicitly so a reader sees it is a choice.
    conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.task.cpus", "1"));
    return new JavaSparkContext(conf);
  }

  /** The number of workers: {@code --workers}, else the context's default parallelism. */
  int workers(JavaSparkContext sc) {
    return workers != null
        ? UserException.atLeastOne("--workers", workers)
        : sc.defaultParallelism();
  }

  /** Checks the values before anything starts. */
  void validate() {
    if (workers != null) {
      UserException.atLeastOne("--workers", workers);
    }
  }
}
