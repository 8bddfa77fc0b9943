package snnspark.driver.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import snnspark.datasets.Dataset;
import snnspark.driver.model.TrainingRun;
import snnspark.worker.sim.SpikingResult;
import snnspark.worker.sim.TuningCurves;

/**
 * The report's figures, drawn with XChart (the tutorial's plots and the run's statistics). Each
 * method returns PNG bytes; figures made of several charts tile XChart's own renderings.
 */
public final class ReportPlots {
  /** Size of a single-chart figure, pixels. */
  private static final int WIDTH = 800;

  private static final int HEIGHT = 500;

  /** Size of one image tile of digits.png, pixels. */
  private static final int DIGIT_WIDTH = 200;

  private static final int DIGIT_HEIGHT = 220;

  /** Tiles per row of digits.png. */
  private static final int DIGITS_PER_ROW = 4;

  /** Side of one image beside its outputs in outputs-over-time.png, pixels. */
  private static final int SAMPLE_SIDE = 260;

  /** Width of the outputs chart beside each image, pixels. */
  private static final int SAMPLE_CHART_WIDTH = 540;

  /** Size of the confusion matrix, pixels. */
  private static final int CONFUSION_WIDTH = 700;

  private static final int CONFUSION_HEIGHT = 620;

  /** Steps between x-axis ticks of the error-per-step figure. */
  private static final int STEP_TICK_SPACING = 60;

  /** Bins of the firing-rate histogram. */
  private static final int RATE_BINS = 25;

  private static final Color[] GRAY = {Color.WHITE, Color.BLACK};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ReportPlots() {}

  /** The tutorial's first figure: a few training images with their labels. */
  static byte[] digits(Dataset images) {
    List<BufferedImage> tiles = new ArrayList<>();
    for (int i = 0; i < images.count(); i++) {
      HeatMapChart chart = image(images, i, "label " + images.label(i), DIGIT_WIDTH, DIGIT_HEIGHT);
      tiles.add(BitmapEncoder.getBufferedImage(chart));
    }
    return png(tile(tiles, DIGITS_PER_ROW));
  }

  private static HeatMapChart image(Dataset images, int i, String title, int w, int h) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(w)
            .height(h)
            .title(title)
            .xAxisTitle("x")
            .yAxisTitle("y")
            .build();
    chart.getStyler().setRangeColors(GRAY).setMin(0).setMax(1);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisTicksVisible(false).setYAxisTicksVisible(false);
    int rows = images.rows();
    int cols = images.cols();
    float[] pixels = images.imagesAsFloats(i, i + 1);
    int plane = rows * cols;
    List<Number[]> values = new ArrayList<>();
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        // A colour image is shown as the mean of its channels: the heat map has one scale.
        float sum = 0;
        for (int c = 0; c < images.channels(); c++) {
          sum += pixels[c * plane + y * cols + x];
        }
        float value = sum / images.channels();
        values.add(new Number[] {x, rows - 1 - y, value}); // row 0 at the top
      }
    }
    chart.addSeries("image", range(cols), range(rows), values);
    return chart;
  }

  /** The tutorial's second figure: rate against input for the three neuron models. */
  static byte[] tuningCurves(List<TuningCurves.Point> curve) {
    XYChart chart = chart("Tuning curves (tutorial's neurons)", "input u", "firing rate (Hz)");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    double[] u = curve.stream().mapToDouble(TuningCurves.Point::u).toArray();
    line(
        chart,
        "SoftLIF rate",
        u,
        curve.stream().mapToDouble(TuningCurves.Point::softLifHz).toArray());
    line(chart, "LIF rate", u, curve.stream().mapToDouble(TuningCurves.Point::lifHz).toArray());
    line(
        chart,
        "spiking LIF (1 s simulated)",
        u,
        curve.stream().mapToDouble(TuningCurves.Point::spikingLifHz).toArray());
    return png(chart);
  }

  /** The tutorial's last figure: test images beside their filtered class outputs over time. */
  static byte[] outputsOverTime(Dataset images, SpikingResult result, double dt) {
    List<BufferedImage> tiles = new ArrayList<>();
    double[] ms = new double[result.steps()];
    for (int t = 0; t < ms.length; t++) {
      ms[t] = (t + 1) * dt * 1000;
    }
    for (int i = 0; i < result.images(); i++) {
      tiles.add(
          BitmapEncoder.getBufferedImage(
              image(images, i, "label " + images.label(i), SAMPLE_SIDE, SAMPLE_SIDE)));
      XYChart chart =
          new XYChartBuilder()
              .width(SAMPLE_CHART_WIDTH)
              .height(SAMPLE_SIDE)
              .title("filtered output, prediction " + result.finalPrediction(i))
              .xAxisTitle("time (ms)")
              .yAxisTitle("output")
              .build();
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
      for (int c = 0; c < result.classes(); c++) {
        double[] y = new double[result.steps()];
        for (int t = 0; t < y.length; t++) {
          y[t] = result.filtered(i, t, c);
        }
        line(chart, String.valueOf(c), ms, y);
      }
      tiles.add(BitmapEncoder.getBufferedImage(chart));
    }
    return png(tile(tiles, 2));
  }

  /** Spiking error after each step, with the rate network's error as a line. */
  static byte[] errorVsSteps(double[] errorByStep, double rateError) {
    XYChart chart = chart("Spiking error over time", "timestep", "error (%)");
    double[] steps = new double[errorByStep.length];
    double[] spiking = new double[errorByStep.length];
    double[] rate = new double[errorByStep.length];
    for (int t = 0; t < steps.length; t++) {
      steps[t] = t + 1;
      spiking[t] = 100 * errorByStep[t];
      rate[t] = 100 * rateError;
    }
    line(chart, "spiking LIF", steps, spiking);
    line(chart, "rate network (SoftLIF)", steps, rate);
    chart.getStyler().setYAxisMin(0.0).setXAxisTickMarkSpacingHint(STEP_TICK_SPACING);
    return png(chart);
  }

  /**
   * Spiking error against the estimated energy per image, one point per step (energy grows with
   * steps), and the rate network's point: the trade-off a user picks the step count from.
   */
  static byte[] errorVsEnergy(
      double[] errorByStep, double[] joulesByStep, double rateError, double rateJoules) {
    XYChart chart =
        chart(
            "Error against energy per image (45 nm estimate)",
            "energy per image (\u00b5J)",
            "error (%)");
    double[] energy = new double[errorByStep.length];
    double[] error = new double[errorByStep.length];
    for (int t = 0; t < energy.length; t++) {
      energy[t] = joulesByStep[t] * 1e6;
      error[t] = 100 * errorByStep[t];
    }
    chart.addSeries("spiking LIF, 1.." + energy.length + " steps", energy, error);
    chart.addSeries(
        "rate network (SoftLIF)", new double[] {rateJoules * 1e6}, new double[] {100 * rateError});
    chart.getStyler().setXAxisMin(0.0);
    boolean positive = rateError > 0 && Arrays.stream(errorByStep).allMatch(e -> e > 0);
    if (positive) {
      // The choice lies among the low errors of the later steps; a log axis spreads them out.
      chart.getStyler().setYAxisLogarithmic(true);
    } else {
      chart.getStyler().setYAxisMin(0.0);
    }
    return png(chart);
  }

  /** The confusion matrix at the last step as a heat map with counts. */
  static byte[] confusion(long[][] confusion) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(CONFUSION_WIDTH)
            .height(CONFUSION_HEIGHT)
            .title("Confusion matrix (last step)")
            .xAxisTitle("predicted")
            .yAxisTitle("true label")
            .build();
    chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("#");
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x1f, 0x77, 0xb4)});
    chart.getStyler().setLegendVisible(true);
    List<Number[]> values = new ArrayList<>();
    int classes = confusion.length;
    for (int label = 0; label < classes; label++) {
      for (int predicted = 0; predicted < classes; predicted++) {
        values.add(new Number[] {predicted, classes - 1 - label, confusion[label][predicted]});
      }
    }
    List<Integer> xs = range(classes);
    List<Integer> ys = new ArrayList<>(range(classes));
    Collections.reverse(ys);
    chart.addSeries("counts", xs, ys, values);
    return png(chart);
  }

  /** How firing rates are distributed over the neurons of each layer. */
  static byte[] firingRates(Map<String, double[]> ratesByLayer) {
    double max = ratesByLayer.values().stream().flatMapToDouble(Arrays::stream).max().orElse(1);
    int bins = RATE_BINS;
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Firing rates per neuron layer")
            .xAxisTitle("mean firing rate (Hz)")
            .yAxisTitle("share of the layer's neurons (%)")
            .build();
    chart.getStyler().setOverlapped(true).setXAxisDecimalPattern("0");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    for (Map.Entry<String, double[]> layer : ratesByLayer.entrySet()) {
      List<Double> rates = Arrays.stream(layer.getValue()).boxed().toList();
      Histogram histogram = new Histogram(rates, bins, 0, Math.max(max, 1e-9));
      List<Double> share =
          histogram.getyAxisData().stream().map(c -> 100 * c / rates.size()).toList();
      chart.addSeries(layer.getKey(), histogram.getxAxisData(), share);
    }
    return png(chart);
  }

  /** Training loss and rate error after each epoch. */
  static byte[] training(List<Double> loss, List<Double> rateError) {
    XYChart chart = chart("Training", "epoch", "loss");
    double[] epochs = new double[loss.size()];
    for (int e = 0; e < epochs.length; e++) {
      epochs[e] = e + 1;
    }
    XYSeries lossSeries =
        chart.addSeries("training loss", epochs, loss.stream().mapToDouble(d -> d).toArray());
    lossSeries.setMarker(SeriesMarkers.CIRCLE);
    if (rateError != null && rateError.size() == loss.size()) {
      XYSeries errors =
          chart.addSeries(
              "rate error (%)", epochs, rateError.stream().mapToDouble(d -> 100 * d).toArray());
      errors.setMarker(SeriesMarkers.DIAMOND);
      errors.setYAxisGroup(1);
      chart.setYAxisGroupTitle(1, "rate error (%)");
    }
    return png(chart);
  }

  /** The eight figures, by file name, in the order the report shows them. */
  public static Map<String, byte[]> all(
      Dataset trainSamples,
      List<TuningCurves.Point> curve,
      Dataset testSamples,
      SpikingResult sampleRun,
      double dt,
      Report report,
      Map<String, double[]> ratesByLayer) {
    Map<String, byte[]> plots = new LinkedHashMap<>();
    plots.put("digits.png", digits(trainSamples));
    plots.put("tuning-curves.png", tuningCurves(curve));
    plots.put("outputs-over-time.png", outputsOverTime(testSamples, sampleRun, dt));
    plots.put("error-vs-steps.png", errorVsSteps(report.errorByStep(), report.rateError()));
    if (report.energyPerImageJoules() != null) {
      plots.put(
          "error-vs-energy.png",
          errorVsEnergy(
              report.errorByStep(),
              report.energyPerImageJoules().spikingByStep(),
              report.rateError(),
              report.energyPerImageJoules().rate()));
    }
    plots.put("confusion.png", confusion(report.confusion()));
    plots.put("firing-rates.png", firingRates(ratesByLayer));
    TrainingRun run = report.training();
    if (run.lossByEpoch() != null && !run.lossByEpoch().isEmpty()) {
      // A model without a per-epoch history (written by other means than snn train) has none.
      plots.put("training.png", training(run.lossByEpoch(), run.rateErrorByEpoch()));
    }
    return plots;
  }

  /** A report-sized XY chart with its title and axis titles. */
  private static XYChart chart(String title, String xTitle, String yTitle) {
    return new XYChartBuilder()
        .width(WIDTH)
        .height(HEIGHT)
        .title(title)
        .xAxisTitle(xTitle)
        .yAxisTitle(yTitle)
        .build();
  }

  private static void line(XYChart chart, String name, double[] x, double[] y) {
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }

  private static BufferedImage tile(List<BufferedImage> tiles, int columns) {
    int h = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
    int rows = (tiles.size() + columns - 1) / columns;
    int[] colWidths = new int[columns];
    for (int i = 0; i < tiles.size(); i++) {
      colWidths[i % columns] = Math.max(colWidths[i % columns], tiles.get(i).getWidth());
    }
    BufferedImage out =
        new BufferedImage(Arrays.stream(colWidths).sum(), rows * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    for (int i = 0; i < tiles.size(); i++) {
      int x = Arrays.stream(colWidths, 0, i % columns).sum();
      g.drawImage(tiles.get(i), x, (i / columns) * h, null);
    }
    g.dispose();
    return out;
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
