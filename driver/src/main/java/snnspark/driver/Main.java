package snnspark.driver;

import snnspark.driver.cli.SnnCli;

/** Entry point of {@code snn} (deploy/snn, spark-submit): hands off to {@link SnnCli}. */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its result; inside a YARN application master (cluster
   * mode) it returns instead, or throws on failure, since System.exit there would run the master's
   * shutdown hook before it reports, and YARN would record even a success as FAILED.
   */
  public static void main(String[] args) {
    int code = SnnCli.execute(args);
    if (!isYarnClusterDriver()) {
      System.exit(code);
    }
    if (code != 0) {
      throw new DriverFailedException(code);
    }
  }

  /** The properties YARN's ApplicationMaster sets before it runs the driver in cluster mode. */
  static boolean isYarnClusterDriver() {
    return System.getProperty("spark.yarn.app.id") != null
        && "cluster".equals(System.getProperty("spark.submit.deployMode"));
  }

  /** The job ended with a non-zero exit code; its reason is already on standard error. */
  static final class DriverFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverFailedException(int code) {
      super("snn exited with code " + code + " (see the driver's standard error)");
    }
  }
}
