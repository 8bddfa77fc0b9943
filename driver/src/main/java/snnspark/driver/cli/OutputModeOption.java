package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.io.OutputMode;

/** {@code --mode}: whether a command may replace an output that exists. */
public final class OutputModeOption {
  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "error: refuse an existing output (default); overwrite: replace it once the new one is"
              + " complete.",
      converter = OutputModeConverter.class)
  OutputMode mode = OutputMode.ERROR;

  /** The output mode. */
  OutputMode mode() {
    return mode;
  }

  /** Accepts the modes in any case. */
  static final class OutputModeConverter extends LowerCaseEnumConverter<OutputMode> {
    OutputModeConverter() {
      super(OutputMode.class);
    }
  }
}
