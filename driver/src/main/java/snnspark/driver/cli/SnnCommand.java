package snnspark.driver.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code snn} command: only groups the subcommands and the global options. */
@Command(
    name = "snn",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    versionProvider = VersionProvider.class,
    description = {
      "Train spiking neural networks (SoftLIF, parameter averaging) and evaluate them",
      "with spiking LIF neurons, on Apache Spark."
    },
    subcommands = {
      FetchCommand.class,
      InspectCommand.class,
      DescribeCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      RunCommand.class,
      PredictCommand.class,
      TuningCurvesCommand.class,
      BenchCommand.class,
      ExportCommand.class
    })
public final class SnnCommand implements Runnable {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show Spark's and DL4J's INFO logs (default: warnings only).")
  void setVerbose(boolean verbose) {
    if (verbose) {
      SnnCli.showAllLogs();
    }
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
