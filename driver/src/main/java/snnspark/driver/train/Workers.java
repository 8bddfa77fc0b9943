package snnspark.driver.train;

import org.apache.spark.api.java.JavaSparkContext;
import snnspark.driver.io.UserException;

/**
 * How many workers a job trains and simulates with: as many as asked, or, when none are asked for,
 * the Spark context's default parallelism. One rule for the command line's jobs and the Spark ML
 * stage.
 */
public final class Workers {
  private Workers() {}

  /** {@code workers} when it is null (Spark decides) or at least 1; else the user's error. */
  public static Integer checked(Integer workers) {
    if (workers != null && workers < 1) {
      throw UserException.aboutSettings(
          "{workers} must be at least 1 (or unset: Spark's default parallelism), got " + workers);
    }
    return workers;
  }

  /** The workers of a job asking for {@code workers} (null: Spark's default) on {@code sc}. */
  public static int of(Integer workers, JavaSparkContext sc) {
    return checked(workers) != null ? workers : sc.defaultParallelism();
  }
}
