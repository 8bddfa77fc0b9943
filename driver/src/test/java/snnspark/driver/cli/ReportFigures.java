package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What two runs of the same job on different clusters must report alike. */
final class ReportFigures {
  /** Every figure of report.json but the timings and the master. */
  static final List<String> COMPARED =
      List.of(
          "n_test",
          "n_steps",
          "rate_error",
          "spiking_error",
          "error_by_step",
          "confusion",
          "firing_rate_hz",
          "synops_per_image",
          "energy_per_image_joules");

  private ReportFigures() {}

  /**
   * Fails naming the first figure of {@link #COMPARED} that the expected report lacks or in which
   * the two reports differ.
   */
  static void assertSame(JsonNode expected, JsonNode actual) {
    for (String key : COMPARED) {
      assertNotNull(expected.get(key), key + " missing from the expected report");
      assertEquals(expected.get(key), actual.get(key), key);
    }
  }
}
