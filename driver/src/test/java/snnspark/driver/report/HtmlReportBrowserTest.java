package snnspark.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.datasets.IdxFiles;
import snnspark.datasets.Split;
import snnspark.driver.TestProcess;
import snnspark.driver.io.Json;
import snnspark.driver.model.TrainingRun;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.sim.SpikeCounts;
import snnspark.worker.sim.SpikingResult;
import snnspark.worker.sim.TuningCurves;

/**
 * report.html opened in a real headless Chromium: every figure decodes with a non-zero size and the
 * page logs no errors. The screenshot stays in driver/target/report-screenshot.png.
 *
 * <p>The browser is the one system property {@value #CHROMIUM_PROPERTY} names (a path), else the
 * first of {@link #NAMES} on the PATH. Without one the test is skipped, unless {@value
 * #REQUIRED_PROPERTY}{@code =true} (CI's .ci/run sets it) makes a missing browser a failure. The
 * test never installs one: tests run without root.
 */
class HtmlReportBrowserTest {
  static final String CHROMIUM_PROPERTY = "snnspark.chromium";
  static final String REQUIRED_PROPERTY = "snnspark.browser.required";

  /** The names Chromium goes by on Debian, Ubuntu and as Google's build. */
  static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  @TempDir Path dir;
  private Path chromium;

  /** Per test, not per class: a class-level skip shows in Maven's summary as no test at all. */
  @BeforeEach
  void findChromium() {
    String given = System.getProperty(CHROMIUM_PROPERTY, "");
    Optional<Path> found =
        given.isBlank() ? onPath() : Optional.of(Path.of(given)).filter(Files::isExecutable);
    String missing =
        given.isBlank()
            ? "no Chromium on the PATH (" + String.join(", ", NAMES) + ")"
            : CHROMIUM_PROPERTY + "=" + given + " is not an executable file";
    if (found.isEmpty() && Boolean.getBoolean(REQUIRED_PROPERTY)) {
      fail(missing + ", and " + REQUIRED_PROPERTY + "=true requires one");
    }
    assumeTrue(
        found.isPresent(),
        missing
            + ": report.html's browser test skipped; install Chromium or pass -D"
            + CHROMIUM_PROPERTY
            + "=/path/to/chromium to run it");
    chromium = found.get();
  }

  private static Optional<Path> onPath() {
    for (String name : NAMES) {
      for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** A report from made-up figures: the page, not the numbers, is under test here. */
  private Path writeReport() throws IOException {
    Dataset digits = IdxFiles.writeSplit(dir.resolve("data"), Split.TRAIN, 8, 28, 28, false);
    int steps = 12;
    int images = 5;
    Report report = madeUpReport(steps);
    Map<String, double[]> rates = new LinkedHashMap<>();
    rates.put("conv1", new double[] {0, 1, 2, 5, 9});
    rates.put("conv2", new double[] {3, 4, 8, 20});
    rates.put("dense", new double[] {10, 30, 50});
    Map<String, byte[]> plots =
        ReportPlots.all(
            digits,
            TuningCurves.compute(NeuronParams.TUTORIAL, -1, 1, 21, 0.2),
            digits.head(images),
            madeUpSpikingRun(images, steps),
            0.001,
            report,
            rates);
    assertEquals(8, plots.size());
    Path html = dir.resolve("report.html");
    Files.write(html, HtmlReport.render(report, plots));
    return html;
  }

  /** A spiking run of {@code images} images over {@code steps} steps with wavy outputs. */
  private static SpikingResult madeUpSpikingRun(int images, int steps) {
    float[] filtered = new float[images * steps * 10];
    for (int i = 0; i < filtered.length; i++) {
      filtered[i] = (float) Math.sin(i * 0.1);
    }
    return new SpikingResult(
        images,
        steps,
        10,
        filtered,
        new int[steps][images],
        new SpikeCounts(
            new long[3][1], new long[images * 3], new long[images * 3], new long[steps]));
  }

  /** The report of a made-up run of the tutorial's network evaluated over {@code steps} steps. */
  private static Report madeUpReport(int steps) {
    long[][] confusion = new long[10][10];
    for (int i = 0; i < 10; i++) {
      confusion[i][i] = 90;
      confusion[i][(i + 1) % 10] = 3;
    }
    double[] errorByStep = new double[steps];
    double[] cumulativeEvents = new double[steps];
    for (int t = 0; t < steps; t++) {
      errorByStep[t] = 0.5 / (t + 1);
      cumulativeEvents[t] = 2e5 * (t + 1);
    }
    double[] joules =
        EnergyModel.HOROWITZ_45NM.spikingJoulesByStep(SnnArchitecture.TUTORIAL, cumulativeEvents);
    return Report.builder()
        .training(madeUpTraining())
        .nTest(1000)
        .rateError(0.02)
        .spikingError(0.03)
        .nSteps(steps)
        .errorByStep(errorByStep)
        .confusion(confusion)
        .firingRateHz(Map.of("conv1", 2.0, "conv2", 6.0, "dense", 12.0))
        .synopsPerImage(Map.of("conv1", 1e5, "conv2", 1e5, "dense", 100.0))
        .macsPerImage(SnnArchitecture.TUTORIAL.macsPerImage())
        .energyPerImageJoules(
            new Report.EnergyPerImage(
                joules[steps - 1],
                EnergyModel.HOROWITZ_45NM.rateJoules(SnnArchitecture.TUTORIAL),
                joules))
        .energyModel(EnergyModel.HOROWITZ_45NM)
        .evalSeconds(10)
        .evalImageStepsPerSecond(1000)
        .initialVoltage("uniform")
        .sparkMaster("local[2]")
        .build();
  }

  private static TrainingRun madeUpTraining() {
    return TrainingRun.builder()
        .dataset("data/mnist")
        .nTrain(60000)
        .epochs(2)
        .workers(2)
        .batchSizePerWorker(200)
        .averagingFrequency(5)
        .lossByEpoch(List.of(0.5, 0.2))
        .rateErrorByEpoch(List.of(0.05, 0.02))
        .trainSeconds(100)
        .trainImagesPerSecond(100)
        .build();
  }

  private static final String CHECK_SCRIPT =
      "<script>window.__errors=[];const e0=console.error;console.error=(...a)=>{window.__errors.push(a.join(' '));e0(...a);};"
          + "window.addEventListener('error',e=>window.__errors.push('error: '+(e.message||(e.target&&e.target.src))),true);"
          + "window.addEventListener('load',()=>{const imgs=[...document.images];"
          + "const bad=imgs.filter(i=>!(i.complete&&i.naturalWidth>0&&i.naturalHeight>0)).map(i=>i.alt);"
          + "const d=document.createElement('div');d.id='render-check';"
          + "d.textContent=JSON.stringify({images:imgs.length,bad:bad,errors:window.__errors});document.body.appendChild(d);});"
          + "</script>";

  private List<String> chromium(String... extra) {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(List.of(extra));
    return command;
  }

  @Test
  void everyFigureRendersWithoutConsoleErrors() throws Exception {
    Path html = writeReport();
    String page = Files.readString(html);
    Path checked = dir.resolve("checked.html");
    Files.writeString(checked, page.replaceFirst("<head>", "<head>" + CHECK_SCRIPT));

    String dom =
        TestProcess.start(
                chromium("--virtual-time-budget=10000", "--dump-dom", checked.toUri().toString()),
                Map.of())
            .finishWithin(120)
            .text();
    Matcher m = Pattern.compile("<div id=\"render-check\">(.*?)</div>").matcher(dom);
    assertTrue(
        m.find(), "the page's load handler ran: " + dom.substring(0, Math.min(300, dom.length())));
    JsonNode check = Json.MAPPER.readTree(m.group(1).replace("&quot;", "\""));
    assertEquals(8, check.get("images").asInt());
    assertEquals(0, check.get("bad").size(), check.toString());
    assertEquals(0, check.get("errors").size(), check.toString());

    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    TestProcess.start(
            chromium(
                "--window-size=1100,4000", "--screenshot=" + screenshot, html.toUri().toString()),
            Map.of())
        .finishWithin(120);
    assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
  }
}
