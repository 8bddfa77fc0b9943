package snnspark.driver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snnspark.driver.io.Json;
import snnspark.driver.io.OutputMode;

/** What every command that writes results shares: the overwrite mode and the JSON summary. */
public final class OutputOptions {
  @Mixin OutputModeOption mode;

  @Option(
      names = "--summary-json",
      description =
          "Print the result as one JSON object on the last line of standard output, for an"
              + " orchestrator to parse.")
  boolean summaryJson;

  /** The output mode. */
  OutputMode mode() {
    return mode.mode();
  }

  /** Prints {@code summary} as the last stdout line when asked to. */
  void printSummary(PrintWriter out, Map<String, Object> summary) {
    if (!summaryJson) {
      return;
    }
    try {
      out.println(
          Json.MAPPER
              .writer()
              .without(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(summary));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary not serialisable", e);
    }
  }

  /** A summary's first fields: the command and its outcome. */
  static Map<String, Object> summary(String command) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("command", command);
    summary.put("status", "succeeded");
    return summary;
  }
}
