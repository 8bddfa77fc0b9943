package snnspark.driver.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code snn} command line in-process and keeps what it printed. */
final class CliRunner {
  /** Exit code and output of one invocation. */
  record Result(int exitCode, String out, String err) {}

  private CliRunner() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SnnCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
