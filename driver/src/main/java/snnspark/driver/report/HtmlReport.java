package snnspark.driver.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import snnspark.driver.model.Machine;
import snnspark.driver.model.TrainingRun;

/** {@code report.html}: one self-contained page (figures embedded) a person opens in a browser. */
public final class HtmlReport {
  /** The page's name in a report folder. */
  public static final String FILE = "report.html";

  private HtmlReport() {}

  private static final Map<String, String> CAPTIONS =
      Map.of(
          "digits.png", "Training images and their labels",
          "tuning-curves.png",
              "Firing rate against input: SoftLIF, LIF rate and a simulated spiking LIF neuron",
          "outputs-over-time.png",
              "Test images and the lowpass-filtered class outputs of the spiking network over time",
          "error-vs-steps.png",
              "Spiking error after each timestep; the line is the rate network's error",
          "error-vs-energy.png",
              "Spiking error against the estimated energy per image, one point per timestep,"
                  + " and the rate network's point (45 nm estimate, see README)",
          "confusion.png", "Confusion matrix of the spiking network at the last step",
          "firing-rates.png", "Distribution of mean firing rates over each layer's neurons",
          "training.png", "Training loss and rate error per epoch");

  /** The page: headline, the run's settings, timings and every figure, as UTF-8 bytes. */
  public static byte[] render(Report report, Map<String, byte[]> plots) {
    StringBuilder html = new StringBuilder();
    head(html, report);
    runTable(html, report);
    timings(html, report);
    figures(html, plots);
    html.append("</body></html>\n");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void head(StringBuilder html, Report report) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>snn-spark report</title><style>")
        .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}")
        .append(
            "table{border-collapse:collapse;margin:1em 0}td,th{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:left}")
        .append(
            ".headline{font-size:1.4em}figure{margin:2em 0}img{max-width:100%;border:1px solid #eee}")
        .append("</style></head><body>\n");
    html.append("<h1>snn-spark report</h1>\n");
    html.append(
        String.format(
            Locale.ROOT,
            "<p class=\"headline\">rate error <b>%.2f%%</b> &middot; spiking error <b>%.2f%%</b> after %d steps"
                + " &middot; %d test images</p>%n",
            100 * report.rateError(),
            100 * report.spikingError(),
            report.nSteps(),
            report.nTest()));
  }

  private static void runTable(StringBuilder html, Report report) {
    html.append("<h2>Run</h2><table>\n");
    TrainingRun run = report.training();
    row(html, "dataset", run.dataset());
    row(html, "training images", String.valueOf(run.nTrain()));
    row(html, "epochs", String.valueOf(run.epochs()));
    row(html, "workers", String.valueOf(run.workers()));
    row(html, "minibatch per worker", String.valueOf(run.batchSizePerWorker()));
    row(html, "averaging frequency", String.valueOf(run.averagingFrequency()));
    row(html, "seed", String.valueOf(run.seed()));
    row(html, "tuned", run.tuning().describe());
    row(html, "initial voltage", report.initialVoltage());
    if (report.neurons() != null) {
      row(html, "neurons", report.neurons());
    }
    row(html, "synapse between layers", report.synapseLabel());
    row(html, "Spark master", report.sparkMaster());
    Machine machine = report.machine();
    if (machine != null) {
      row(html, "machine", machine.cpu() + ", " + machine.cores() + " cores, " + machine.java());
      row(html, "OpenBLAS kernel", blasKernels(machine));
    }
    html.append("</table>\n");
  }

  /** The driver's kernel, and the executors' where they ran in other JVMs. */
  private static String blasKernels(Machine machine) {
    if (machine.executorBlasKernels().isEmpty()) {
      return machine.blasKernel();
    }
    return "driver "
        + machine.blasKernel()
        + "; executors "
        + machine.executorBlasKernels().entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  private static void timings(StringBuilder html, Report report) {
    html.append("<h2>Timings</h2><table>\n");
    row(
        html,
        "training",
        String.format(
            Locale.ROOT,
            "%.0f s (%.0f images/s)",
            report.training().trainSeconds(),
            report.training().trainImagesPerSecond()));
    row(
        html,
        "spiking evaluation",
        String.format(
            Locale.ROOT,
            "%.1f s (%.0f image-steps/s)",
            report.evalSeconds(),
            report.evalImageStepsPerSecond()));
    html.append("</table>\n");
    if (report.energyPerImageJoules() != null) {
      html.append("<h2>Energy per image (45 nm estimate)</h2><table>\n");
      row(
          html,
          "spiking, " + report.nSteps() + " steps",
          Report.microjoules(report.energyPerImageJoules().spiking()));
      row(html, "rate network", Report.microjoules(report.energyPerImageJoules().rate()));
      html.append("</table>\n");
    }
  }

  private static void figures(StringBuilder html, Map<String, byte[]> plots) {
    html.append("<h2>Figures</h2>\n");
    for (Map.Entry<String, byte[]> plot : plots.entrySet()) {
      html.append("<figure><img alt=\"")
          .append(plot.getKey())
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(plot.getValue()))
          .append("\"><figcaption>")
          .append(escape(CAPTIONS.getOrDefault(plot.getKey(), plot.getKey())))
          .append("</figcaption></figure>\n");
    }
  }

  private static void row(StringBuilder html, String name, String value) {
    html.append("<tr><th>")
        .append(escape(name))
        .append("</th><td>")
        .append(escape(value))
        .append("</td></tr>\n");
  }

  private static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
