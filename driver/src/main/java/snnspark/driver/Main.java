package snnspark.driver;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import snnspark.driver.cli.GatedStream;
import snnspark.driver.cli.SnnCli;
import sun.misc.Signal;

/** Entry point of {@code snn} (deploy/snn, spark-submit): hands off to {@link SnnCli}. */
public final class Main {
  /** Exit code of a run ended by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
  static final int EXIT_SIGINT = 130;

  /** Exit code of a run ended by SIGTERM (a scheduler, {@code timeout}): 128 + 15. */
  static final int EXIT_SIGTERM = 143;

  private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();

  private Main() {}

  /**
   * Runs the command line and exits with its result; inside a YARN application master (cluster
   * mode) it returns instead, or throws on failure, since System.exit there would run the master's
   * shutdown hook before it reports, and YARN would record even a success as FAILED.
   */
  public static void main(String[] args) {
    if (!isYarnClusterDriver()) {
      handleInterrupts();
    }
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

  /**
   * On SIGINT or SIGTERM: one line on standard error, then exit with 130 or 143. Without this the
   * JVM exits with the same codes, but Spark's shutdown hook stops the context under the running
   * job, and the job's failure ("SparkContext was shut down"), its stack traces and Spark's own
   * complaints reach the console first. So standard error is switched off before anything else
   * happens (the command line prints through this switchable stream, installed here before it is
   * built) and logging with it; System.exit still runs the shutdown hooks, so Spark removes its
   * temporary folders. Spark registers no handler of its own in a driver (only its daemons and
   * executors do); one registered later through its SignalUtils would call this one after it.
   */
  private static void handleInterrupts() {
    PrintStream original = System.err;
    System.setErr(new PrintStream(new GatedStream(original, () -> !INTERRUPTED.get()), true));
    for (String name : new String[] {"INT", "TERM"}) {
      int code = name.equals("INT") ? EXIT_SIGINT : EXIT_SIGTERM;
      try {
        Signal.handle(new Signal(name), signal -> interrupted(signal, code, original));
      } catch (IllegalArgumentException e) {
        // The JVM keeps the signal (-Xrs) or it is ignored (nohup): its default behaviour stays.
      }
    }
  }

  private static void interrupted(Signal signal, int code, PrintStream original) {
    if (!INTERRUPTED.compareAndSet(false, true)) {
      return; // a second signal while the first one's exit runs; standard error is now closed
    }
    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
    original.println(
        "snn: interrupted by SIG" + signal.getName() + "; outputs left incomplete (no _SUCCESS)");
    original.flush();
    System.exit(code);
  }

  /** The job ended with a non-zero exit code; its reason is already on standard error. */
  static final class DriverFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverFailedException(int code) {
      super("snn exited with code " + code + " (see the driver's standard error)");
    }
  }
}
