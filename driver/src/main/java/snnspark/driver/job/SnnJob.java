package snnspark.driver.job;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.driver.evaluate.SpikingEvaluator;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.report.HtmlReport;
import snnspark.driver.report.Report;
import snnspark.driver.report.ReportPlots;
import snnspark.driver.train.SparkTrainer;
import snnspark.driver.train.TrainSettings;
import snnspark.driver.train.TrainingCheckpoints;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.Stopwatch;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.EventDrivenNetwork;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.sim.SpikingResult;
import snnspark.worker.sim.TuningCurves;
import snnspark.worker.train.RateEvaluator;

/** The two halves of the job, shared by {@code train}, {@code evaluate} and {@code run}. */
public final class SnnJob {
  /** Training images shown in digits.png (the tutorial shows a few). */
  static final int SAMPLE_DIGITS = 8;

  /** Test images whose outputs over time are plotted (the tutorial plots 5). */
  static final int SAMPLE_OUTPUTS = 5;

  private final JavaSparkContext sc;
  private final SparkSettings spark;
  private final Consumer<String> log;

  public SnnJob(JavaSparkContext sc, SparkSettings spark, Consumer<String> log) {
    this.sc = sc;
    this.spark = spark;
    this.log = log;
  }

  /**
   * Loads a split, checked against the architecture's image size, limited to {@code limit} (0:
   * all).
   */
  Dataset load(String dataDir, Split split, SnnArchitecture arch, int limit) {
    Dataset data =
        new DatasetLoader(sc.hadoopConfiguration()).load(dataDir, split, arch.rows(), arch.cols());
    return limit > 0 ? data.head(limit) : data;
  }

  /** Trains on {@code dataDir}'s training set and saves the model to {@code modelUri}. */
  public TrainedModel train(
      String dataDir, TrainSettings settings, int testLimit, String modelUri) {
    return train(dataDir, settings, testLimit, modelUri, null, false);
  }

  /**
   * As {@link #train(String, TrainSettings, int, String)}, checkpointing every epoch to {@code
   * checkpointDir} (if not null) and, with {@code resume}, continuing from its newest checkpoint.
   */
  public TrainedModel train(
      String dataDir,
      TrainSettings settings,
      int testLimit,
      String modelUri,
      String checkpointDir,
      boolean resume) {
    SnnArchitecture arch = SnnArchitecture.TUTORIAL;
    Dataset train = load(dataDir, Split.TRAIN, arch, settings.trainLimit());
    Dataset test = load(dataDir, Split.TEST, arch, testLimit);
    int workers = spark.workers(sc);
    log.accept(
        "training on "
            + train.count()
            + " images, "
            + workers
            + " workers, "
            + settings.epochs()
            + " epochs, master "
            + sc.master());
    TrainedModel model =
        new SparkTrainer(sc, arch, settings, workers)
            .train(
                train,
                test,
                dataDir,
                log,
                checkpointDir == null
                    ? null
                    : new TrainingCheckpoints(checkpointDir, sc.hadoopConfiguration()),
                resume);
    new ModelStore(sc.hadoopConfiguration()).save(model, modelUri);
    log.accept(
        String.format(
            Locale.ROOT,
            "rate error %.2f%% on %d test images; model saved to %s",
            100 * model.metadata().rateError(),
            test.count(),
            modelUri));
    return model;
  }

  /** Evaluates {@code model} spiking on the test set and writes {@code report.json}. */
  public Report evaluate(
      TrainedModel model,
      String dataDir,
      SimulationConfig config,
      int testLimit,
      String reportDir) {
    SnnArchitecture arch = model.metadata().architecture();
    Dataset test = load(dataDir, Split.TEST, arch, testLimit);
    double rateError =
        model.metadata().nTest() == test.count() && model.metadata().dataset().equals(dataDir)
            ? model.metadata().rateError()
            : RateEvaluator.errorRate(model.network(), test);
    int partitions = spark.workers(sc);
    log.accept(
        "spiking evaluation of "
            + test.count()
            + " images for "
            + config.steps()
            + " steps on "
            + partitions
            + " partitions");
    Stopwatch start = Stopwatch.start();
    EvaluationStats stats =
        new SpikingEvaluator(sc, partitions, SimulatorKind.EVENT_DRIVEN)
            .evaluate(
                TrainedWeights.of(arch, model.network().params()),
                test,
                config,
                SpikingEvaluator.isShared(dataDir) ? dataDir : null,
                log);
    double seconds = start.seconds();
    Report report = Report.of(model.metadata(), rateError, stats, config, seconds, sc.master());
    // Figures are drawn before anything is written, so a failure leaves no partial report.
    Map<String, byte[]> plots = figures(model, dataDir, test, config, stats, report);
    String reportUri = reportDir + "/report.json";
    HadoopFiles.writeAtomically(
        reportUri,
        sc.hadoopConfiguration(),
        out -> out.write(Json.MAPPER.writeValueAsBytes(report)));
    for (Map.Entry<String, byte[]> plot : plots.entrySet()) {
      HadoopFiles.writeAtomically(
          reportDir + "/" + plot.getKey(),
          sc.hadoopConfiguration(),
          out -> out.write(plot.getValue()));
    }
    HadoopFiles.writeAtomically(
        reportDir + "/report.html",
        sc.hadoopConfiguration(),
        out -> out.write(HtmlReport.render(report, plots)));
    log.accept("report written to " + reportUri + " and " + reportDir + "/report.html");
    return report;
  }

  /** The seven figures of the report. */
  private Map<String, byte[]> figures(
      TrainedModel model,
      String dataDir,
      Dataset test,
      SimulationConfig config,
      EvaluationStats stats,
      Report report) {
    SnnArchitecture arch = model.metadata().architecture();
    Dataset trainSamples =
        new DatasetLoader(sc.hadoopConfiguration())
            .loadRange(dataDir, Split.TRAIN, 0, SAMPLE_DIGITS);
    Dataset testSamples = test.head(SAMPLE_OUTPUTS);
    SpikingResult sampleRun =
        new EventDrivenNetwork(arch, model.network().params())
            .run(ImageBatch.of(testSamples), config);
    Map<String, double[]> rates = new LinkedHashMap<>();
    for (int l = 0; l < SnnArchitecture.NEURON_LAYERS.size(); l++) {
      rates.put(SnnArchitecture.NEURON_LAYERS.get(l), stats.neuronRatesHz(l, config.dt()));
    }
    return ReportPlots.all(
        trainSamples,
        TuningCurves.tutorialPlot(arch.neurons()),
        testSamples,
        sampleRun,
        config.dt(),
        report,
        rates,
        model.metadata());
  }
}
