package snnspark.driver;

import snnspark.driver.cli.SnnCli;

/** Entry point of {@code snn} (deploy/snn, spark-submit): hands off to {@link SnnCli}. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its result. */
  public static void main(String[] args) {
    System.exit(SnnCli.execute(args));
  }
}
