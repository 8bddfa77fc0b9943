package snnspark.driver.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import snnspark.driver.io.ExpectedFailures;
import snnspark.driver.job.SparkSettings;

/**
 * Builds the picocli command line and maps outcomes to exit codes: 0 on success, {@link
 * #EXIT_USAGE} with a one-line message for bad input (usage, data, model), {@link #EXIT_FAILURE}
 * for anything unexpected (whose stack trace is then worth showing).
 */
public final class SnnCli {
  /** Exit code of success. */
  public static final int EXIT_OK = 0;

  /** Exit code of a bad input: usage error, bad data, bad model. */
  public static final int EXIT_USAGE = 2;

  /** Exit code of an unexpected failure. */
  public static final int EXIT_FAILURE = 1;

  /** The exit codes as every command's --help lists them. */
  static final String EXIT_HEADING = "%nExit codes:%n";

  static final String EXIT_LINE_OK = "0:success";

  static final String EXIT_LINE_USAGE =
      "2:bad input or usage: one line on stderr names the file (row, column) and the problem";

  static final String EXIT_LINE_FAILURE = "1:any other failure";

  private SnnCli() {}

  /** Quiets Spark's logs of a task failed on bad input until {@code --verbose} asks for them. */
  private static ExpectedFailureLogFilter quietExpectedFailures;

  /** Runs {@code args} against the console. */
  public static int execute(String... args) {
    quietExpectedFailures = ExpectedFailureLogFilter.install();
    PrintStream console = System.err;
    // What Spark's threads print straight to standard error as a failed job is stopped (a
    // broadcast's removal interrupted, a callback rejected by a pool shutting down) is dropped once
    // a task has failed on bad input, so the CLI's one line stays the only one; the CLI and log4j
    // hold the console's own stream.
    System.setErr(new PrintStream(new GatedStream(console, SnnCli::showStrayOutput), true));
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(console, true))
        .execute(args);
  }

  /** The configured command line writing to {@code out} and {@code err} (tests use this). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SnnCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(SnnCli::exitCode);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          // One line, the pointer to the help included: the whole of stderr for a bad flag.
          ex.getCommandLine()
              .getErr()
              .println(
                  "snn: "
                      + ex.getMessage().strip()
                      + " (see 'snn "
                      + commandPath(ex.getCommandLine())
                      + "--help')");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          Throwable expected = expectedCause(ex);
          if (expected != null) {
            commandLine.getErr().println("snn: " + SettingFlags.message(expected));
            return EXIT_USAGE;
          }
          commandLine.getErr().println("snn: unexpected failure: " + ex);
          ex.printStackTrace(commandLine.getErr());
          return EXIT_FAILURE;
        });
    return cli;
  }

  private static boolean showStrayOutput() {
    return quietExpectedFailures == null || !ExpectedFailureLogFilter.expectedFailureSeen();
  }

  /**
   * {@code --verbose}: every log line at INFO and above, Spark's reports of failed tasks included.
   * All levels, not only the root's: a logger that log4j2.properties quiets keeps its own level
   * otherwise.
   */
  static void showAllLogs() {
    if (quietExpectedFailures != null) {
      quietExpectedFailures.uninstall();
      quietExpectedFailures = null;
    }
    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.INFO);
  }

  /**
   * The user-facing error behind {@code ex}, looking through Spark's task-failure wrapping, or the
   * task failure on bad input that made Spark cancel the job.
   */
  static Throwable expectedCause(Throwable ex) {
    return ExpectedFailures.in(ex)
        .or(SparkSettings::expectedTaskFailure)
        .map(Throwable.class::cast)
        .orElse(null);
  }

  private static int exitCode(Throwable ex) {
    return expectedCause(ex) != null ? EXIT_USAGE : EXIT_FAILURE;
  }

  private static String commandPath(CommandLine cli) {
    StringBuilder path = new StringBuilder();
    for (CommandLine c = cli; c.getParent() != null; c = c.getParent()) {
      path.insert(0, c.getCommandName() + " ");
    }
    return path.toString();
  }
}
