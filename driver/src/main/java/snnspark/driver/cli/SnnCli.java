package snnspark.driver.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.UserException;

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

  /** Runs {@code args} against the console. */
  public static int execute(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
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
          ex.getCommandLine().getErr().println("snn: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println("Try 'snn " + commandPath(ex.getCommandLine()) + "--help' for usage.");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          Throwable expected = expectedCause(ex);
          if (expected != null) {
            commandLine.getErr().println("snn: " + expected.getMessage());
            return EXIT_USAGE;
          }
          commandLine.getErr().println("snn: unexpected failure: " + ex);
          ex.printStackTrace(commandLine.getErr());
          return EXIT_FAILURE;
        });
    return cli;
  }

  /** The user-facing error behind {@code ex}, looking through Spark's task-failure wrapping. */
  static Throwable expectedCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UserException || t instanceof DatasetException) {
        return t;
      }
    }
    return null;
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
