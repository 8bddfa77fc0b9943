package snnspark.driver;

import java.io.PrintWriter;
import picocli.CommandLine;
import snnspark.datasets.DatasetException;

/**
 * Builds the picocli command line and maps outcomes to exit codes: 0 on success, {@link
 * Main#EXIT_USAGE} with a one-line message for bad input (usage, data, model), {@link
 * Main#EXIT_FAILURE} for anything unexpected (whose stack trace is then worth showing).
 */
public final class SnnCli {
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
          return Main.EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          Throwable expected = expectedCause(ex);
          if (expected != null) {
            commandLine.getErr().println("snn: " + expected.getMessage());
            return Main.EXIT_USAGE;
          }
          commandLine.getErr().println("snn: unexpected failure: " + ex);
          ex.printStackTrace(commandLine.getErr());
          return Main.EXIT_FAILURE;
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
    return expectedCause(ex) != null ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
  }

  private static String commandPath(CommandLine cli) {
    StringBuilder path = new StringBuilder();
    for (CommandLine c = cli; c.getParent() != null; c = c.getParent()) {
      path.insert(0, c.getCommandName() + " ");
    }
    return path.toString();
  }
}
