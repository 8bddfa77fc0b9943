package snnspark.driver;

/** Entry point of {@code snn} (deploy/snn, spark-submit): hands off to {@link SnnCli}. */
public final class Main {
  /** Exit code of a bad input: usage error, bad data, bad model. */
  public static final int EXIT_USAGE = 2;

  /** Exit code of an unexpected failure. */
  public static final int EXIT_FAILURE = 1;

  private Main() {}

  /** Runs the command line and exits with its result. */
  public static void main(String[] args) {
    System.exit(SnnCli.execute(args));
  }
}
