package snnspark.datasets;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base class for tests that need Spark, after Spark's own {@code SharedSparkSession}: one real
 * local SparkContext ({@code local[2]}, UI off, loopback only) for all tests of a class, stopped
 * after them.
 */
public abstract class SharedSparkContext {
  /** Two worker threads: enough to show partitioning, and what CI's two cores hold. */
  public static final String MASTER = "local[2]";

  private static JavaSparkContext sc;

  /** The configuration every test context starts from. */
  public static SparkConf testConf(String appName) {
    return new SparkConf()
        .setMaster(MASTER)
        .setAppName(appName)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.sql.shuffle.partitions", "2");
  }

  @BeforeAll
  static void startSpark() {
    sc = new JavaSparkContext(testConf("snn-spark-test"));
  }

  @AfterAll
  static void stopSpark() {
    if (sc != null) {
      sc.stop();
      sc = null;
    }
  }

  /** The running context. */
  protected static JavaSparkContext sc() {
    return sc;
  }
}
