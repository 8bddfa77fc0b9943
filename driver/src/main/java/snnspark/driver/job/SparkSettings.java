package snnspark.driver.job;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import snnspark.driver.io.UserException;

/**
 * Where a job runs and how wide.
 *
 * @param master Spark master URL, or null for what spark-submit gives (else {@link
 *     #DEFAULT_MASTER})
 * @param workers training workers and evaluation partitions, or null for Spark's default
 *     parallelism
 */
public record SparkSettings(String master, Integer workers) {
  /** Master when neither the settings nor spark-submit give one: every local core. */
  public static final String DEFAULT_MASTER = "local[*]";

  /** Rejects a worker count no job can run with. */
  public SparkSettings {
    if (workers != null) {
      UserException.atLeastOne("workers", workers);
    }
  }

  /**
   * Starts a SparkContext. Settings from spark-submit ({@code spark.*} system properties) win over
   * these defaults; an explicit master wins over both.
   */
  public JavaSparkContext start(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(DEFAULT_MASTER);
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Kryo with ND4J's registrator (and Java serialisation for this project's records).
    conf.setIfMissing("spark.serializer", "KryoSerializer");
    conf.setIfMissing("spark.kryo.registrator", "snnspark.worker.spark.SnnKryoRegistrator");
    // Spark >= 3.4 pins an executor's OMP_NUM_THREADS to spark.task.cpus (1) unless set. One
    // native thread per task slot is right here: each core already runs its own task, and more
    // threads would only contend. Said explicitly so a reader sees it is a choice.
    conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.task.cpus", "1"));
    return new JavaSparkContext(conf);
  }

  /** The number of workers: as set, else the context's default parallelism. */
  public int workers(JavaSparkContext sc) {
    return workers != null ? workers : sc.defaultParallelism();
  }
}
