package snnspark.driver.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.HadoopPath;
import snnspark.datasets.Holdout;
import snnspark.datasets.Split;
import snnspark.driver.evaluate.SpikingEvaluator;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.io.OutputFolder;
import snnspark.driver.io.OutputMode;
import snnspark.driver.io.UserException;
import snnspark.driver.model.Machine;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.predict.ImageInput;
import snnspark.driver.predict.ImageTable;
import snnspark.driver.predict.ImageTableReader;
import snnspark.driver.predict.InputFormat;
import snnspark.driver.predict.OutputFormat;
import snnspark.driver.predict.PredictionJob;
import snnspark.driver.predict.PredictionSummary;
import snnspark.driver.predict.TableColumns;
import snnspark.driver.predict.TableReadFailures;
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
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.sim.SpikingResult;
import snnspark.worker.sim.TuningCurves;
import snnspark.worker.spark.StatsAccumulator;
import snnspark.worker.train.RateEvaluator;

/** The two halves of the job, shared by {@code train}, {@code evaluate} and {@code run}. */
public final class SnnJob {
  /** Training images shown in digits.png (the tutorial shows a few). */
  static final int SAMPLE_DIGITS = 8;

  /** Test images whose outputs over time are plotted (the tutorial plots 5). */
  static final int SAMPLE_OUTPUTS = 5;

  /** The files {@code evaluate} writes into its report folder, besides the figures. */
  static final List<String> REPORT_FILES = List.of(Report.FILE, HtmlReport.FILE);

  private final JavaSparkContext sc;
  private final SparkSettings spark;
  private final OutputMode mode;
  private final Consumer<String> log;
  private Machine machine;

  /** A job on {@code sc}, replacing existing outputs only in {@code mode} overwrite. */
  public SnnJob(JavaSparkContext sc, SparkSettings spark, OutputMode mode, Consumer<String> log) {
    this.sc = sc;
    this.spark = spark;
    this.mode = mode;
    this.log = log;
  }

  /**
   * Fails unless {@code request}'s outputs (the model and its metadata, the checkpoints) can be
   * written in {@code mode}. Cheap: commands call it before they start Spark or read any data, so
   * an unwritable output fails at once rather than after the training.
   */
  public static void checkOutputs(TrainRequest request, OutputMode mode, Configuration conf) {
    OutputFolder.checkFiles(parent(request.model()), modelFiles(request.model()), mode, conf);
    checkCheckpoints(request, parent(request.model()), conf);
  }

  /** As {@link #checkOutputs(TrainRequest, OutputMode, Configuration)}, for {@link #run}. */
  public static void checkOutputs(
      TrainRequest train, EvaluateRequest evaluate, OutputMode mode, Configuration conf) {
    OutputFolder.checkFiles(evaluate.reportDir(), runFiles(train), mode, conf);
    checkCheckpoints(train, evaluate.reportDir(), conf);
  }

  /** As {@link #checkOutputs(TrainRequest, OutputMode, Configuration)}, for {@link #evaluate}. */
  public static void checkOutputs(EvaluateRequest request, OutputMode mode, Configuration conf) {
    OutputFolder.checkFiles(request.reportDir(), REPORT_FILES, mode, conf);
    if (request.predictions() != null) {
      OutputFolder.checkTable(request.predictions(), mode, conf);
    }
  }

  /** As {@link #checkOutputs(TrainRequest, OutputMode, Configuration)}, for {@link #predict}. */
  public static void checkOutputs(PredictRequest request, OutputMode mode, Configuration conf) {
    OutputFolder.checkTable(request.out(), mode, conf);
    if (OutputFolder.within(request.input(), request.out(), conf)) {
      // Replacing the folder would delete the table while its rows are still being read.
      throw UserException.aboutSettings(
          "{out} " + request.out() + " holds the input " + request.input() + "; choose another");
    }
  }

  /**
   * Fails unless the checkpoints can be written, into a folder of their own: their {@code _SUCCESS}
   * marks the training complete, and in {@code outputFolder} it would mark the output complete
   * before the model (and a run's report) is written.
   */
  private static void checkCheckpoints(
      TrainRequest request, String outputFolder, Configuration conf) {
    if (request.checkpoints() == null) {
      return;
    }
    if (OutputFolder.sameFolder(request.checkpoints(), outputFolder, conf)) {
      throw UserException.aboutSettings(
          "{checkpointDir} "
              + request.checkpoints()
              + " is the output folder: checkpoints need a folder of their own");
    }
    new TrainingCheckpoints(request.checkpoints(), conf).checkWritable();
  }

  /** The model's files, in its folder. */
  private static List<String> modelFiles(String modelUri) {
    return List.of(
        HadoopPath.of(modelUri).getName(),
        HadoopPath.of(ModelStore.metadataUri(modelUri)).getName());
  }

  /** The files {@link #run} writes into its folder (besides the figures). */
  private static List<String> runFiles(TrainRequest train) {
    List<String> files = new ArrayList<>(modelFiles(train.model()));
    files.addAll(REPORT_FILES);
    return files;
  }

  private static String parent(String uri) {
    Path parent = HadoopPath.of(uri).getParent();
    return parent == null ? "." : parent.toString();
  }

  /** Trains, saves the model and marks its folder complete. */
  public TrainedModel train(TrainRequest request) {
    OutputFolder folder =
        OutputFolder.beginFiles(
            parent(request.model()), modelFiles(request.model()), mode, sc.hadoopConfiguration());
    TrainedModel model = trainAndSave(request);
    folder.commit();
    return model;
  }

  /**
   * The whole experiment into one folder: trains, saves the model, evaluates and reports; the
   * folder is marked complete only at the end.
   */
  public Report run(TrainRequest train, EvaluateRequest evaluate) {
    OutputFolder folder =
        OutputFolder.beginFiles(
            evaluate.reportDir(), runFiles(train), mode, sc.hadoopConfiguration());
    TrainedModel model = trainAndSave(train);
    Report report = evaluateAndReport(model, evaluate);
    folder.commit();
    return report;
  }

  /** Evaluates {@code model} spiking and writes the report; marks the report folder complete. */
  public Report evaluate(TrainedModel model, EvaluateRequest request) {
    OutputFolder folder =
        OutputFolder.beginFiles(request.reportDir(), REPORT_FILES, mode, sc.hadoopConfiguration());
    Report report = evaluateAndReport(model, request);
    folder.commit();
    return report;
  }

  private TrainedModel trainAndSave(TrainRequest request) {
    TrainSettings settings = request.settings();
    TrainingDataReader.TrainingImages images = data().read(request);
    SnnArchitecture arch = images.arch();
    Dataset test = images.test();
    int workers = spark.workers(sc);
    Machine where = machine();
    log.accept(
        "training on "
            + images.train().count()
            + " images, "
            + workers
            + " workers, "
            + settings.epochs()
            + " epochs, master "
            + sc.master());
    TrainingCheckpoints checkpoints =
        request.checkpoints() == null
            ? null
            : new TrainingCheckpoints(request.checkpoints(), sc.hadoopConfiguration());
    // Executors decode a table's images as they train: a page found corrupt then is the table's.
    TrainedModel trained =
        TableReadFailures.decoding(
            request.train().uri(),
            () ->
                new SparkTrainer(sc, arch, settings, workers)
                    .train(
                        images.train(),
                        test,
                        request.train().uri(),
                        log,
                        checkpoints,
                        request.resume()));
    ModelMetadata metadata =
        trained.metadata().withMachine(where).withClassNames(images.classNames());
    TrainedModel model =
        new ModelStore(sc.hadoopConfiguration())
            .save(new TrainedModel(trained.network(), metadata), request.model());
    log.accept(
        String.format(
            Locale.ROOT,
            "rate error %.2f%% on %d test images; model saved to %s",
            100 * model.metadata().rateError(),
            test.count(),
            request.model()));
    return model;
  }

  private Report evaluateAndReport(TrainedModel model, EvaluateRequest request) {
    SnnArchitecture arch = model.metadata().architecture();
    String dataDir = request.data().uri();
    SimulationConfig config = request.config();
    Dataset test =
        data()
            .testSet(
                request.data(),
                request.holdout(),
                arch,
                model.metadata().classNames(),
                request.testLimit());
    // Read now, not for the figure at the end: a broken training split then fails in seconds,
    // before the simulation's minutes.
    Dataset digits = sampleDigits(dataDir, test);
    double rateError =
        model.metadata().nTest() == test.count()
                && model.metadata().training().dataset().equals(dataDir)
            ? model.metadata().rateError()
            : RateEvaluator.errorRate(model.network(), test);
    int workers = spark.workers(sc);
    machine();
    log.accept(
        "spiking evaluation of "
            + test.count()
            + " images for "
            + config.steps()
            + " steps on "
            + workers
            + " workers");
    Stopwatch start = Stopwatch.start();
    TrainedWeights weights = TrainedWeights.of(arch, model.network().params());
    EvaluationStats stats =
        request.predictions() == null
            ? new SpikingEvaluator(sc, workers, SimulatorKind.EVENT_DRIVEN)
                .evaluate(weights, test, config, sharedIdx(request.data(), request.holdout()), log)
            : evaluateWithPredictions(model, weights, test, config, request.predictions());
    double seconds = start.seconds();
    Report report =
        Report.of(model.metadata(), rateError, stats, config, seconds, sc.master(), machine());
    writeReport(model, digits, test, config, stats, report, request.reportDir());
    return report;
  }

  /**
   * An IDX folder whose test split the executors can read themselves (not a local one), or null.
   */
  private String sharedIdx(ImageInput input, Holdout holdout) {
    boolean idx = input.formatIn(sc.hadoopConfiguration()) == InputFormat.IDX && holdout == null;
    return idx && SpikingEvaluator.isShared(input.uri()) ? input.uri() : null;
  }

  /** The evaluation as a side result of writing the per-image predictions of the test set. */
  private EvaluationStats evaluateWithPredictions(
      TrainedModel model,
      TrainedWeights weights,
      Dataset test,
      SimulationConfig config,
      String predictions) {
    SnnArchitecture arch = weights.architecture();
    SparkSession session = session();
    StatsAccumulator stats =
        new StatsAccumulator(config.steps(), arch.classes(), arch.neuronsPerImage());
    session.sparkContext().register(stats, "spiking evaluation");
    ImageTable table =
        new ImageTableReader(
                session, arch.input(), model.metadata().classNames(), TableColumns.DEFAULT)
            .fromDataset(test);
    new PredictionJob(session, weights, model.metadata().classNames(), config)
        .write(table, predictions, OutputFormat.PARQUET, mode, false, stats);
    log.accept("predictions written to " + predictions);
    return stats.value();
  }

  /**
   * Scores an image table with the spiking network and writes the per-image predictions, then reads
   * the written table back for the summary (and the errors where it has labels).
   */
  public PredictionSummary predict(TrainedModel model, PredictRequest request) {
    SnnArchitecture arch = model.metadata().architecture();
    SparkSession session = session();
    ImageTable table =
        new ImageTableReader(
                session, arch.input(), model.metadata().classNames(), request.columns())
            .read(request.input(), request.inputFormat());
    log.accept(
        "scoring "
            + request.input()
            + " for "
            + request.config().steps()
            + " steps into "
            + request.out());
    Stopwatch clock = Stopwatch.start();
    TrainedWeights weights = TrainedWeights.of(arch, model.network().params());
    new PredictionJob(session, weights, model.metadata().classNames(), request.config())
        .write(table, request.out(), request.outputFormat(), mode, request.perStep(), null);
    return PredictionJob.summarize(session, request.out(), request.outputFormat(), clock.seconds());
  }

  /**
   * The driver's machine and the OpenBLAS kernel of every executor, asked once per job; warns when
   * an executor runs another kernel than the driver.
   */
  Machine machine() {
    if (machine == null) {
      machine = BlasKernelCheck.run(sc, log);
    }
    return machine;
  }

  private TrainingDataReader data() {
    return new TrainingDataReader(sc, session());
  }

  /** The Spark session over this job's context. */
  SparkSession session() {
    return SparkSession.builder().config(sc.getConf()).getOrCreate();
  }

  private void writeReport(
      TrainedModel model,
      Dataset digits,
      Dataset test,
      SimulationConfig config,
      EvaluationStats stats,
      Report report,
      String reportDir) {
    // Figures are drawn before anything is written, so a failure leaves no partial report.
    Map<String, byte[]> plots = figures(model, digits, test, config, stats, report);
    String reportUri = reportDir + "/" + Report.FILE;
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
    String pageUri = reportDir + "/" + HtmlReport.FILE;
    HadoopFiles.writeAtomically(
        pageUri, sc.hadoopConfiguration(), out -> out.write(HtmlReport.render(report, plots)));
    log.accept("report written to " + reportUri + " and " + pageUri);
  }

  /**
   * The images digits.png shows: the first training images, as the tutorial shows them, or the
   * first test images for a dataset that holds only its test split.
   */
  private Dataset sampleDigits(String dataDir, Dataset test) {
    String train = dataDir + "/" + Split.TRAIN.imagesFile();
    boolean hasTrain =
        HadoopFiles.exists(train, sc.hadoopConfiguration())
            || HadoopFiles.exists(train + ".gz", sc.hadoopConfiguration());
    return hasTrain
        ? new DatasetLoader(sc.hadoopConfiguration())
            // Only the pixels are shown: any label will do.
            .loadRange(dataDir, Split.TRAIN, 0, SAMPLE_DIGITS, Dataset.MAX_CLASSES)
        : test.head(Math.min(SAMPLE_DIGITS, test.count()));
  }

  /** The seven figures of the report. */
  private Map<String, byte[]> figures(
      TrainedModel model,
      Dataset digits,
      Dataset test,
      SimulationConfig config,
      EvaluationStats stats,
      Report report) {
    SnnArchitecture arch = model.metadata().architecture();
    Dataset testSamples = test.head(SAMPLE_OUTPUTS);
    SpikingResult sampleRun =
        SimulatorKind.EVENT_DRIVEN
            .create(arch, model.network().params())
            .run(ImageBatch.of(testSamples), config);
    Map<String, double[]> rates = new LinkedHashMap<>();
    List<String> names = arch.neuronLayerNames();
    for (int l = 0; l < names.size(); l++) {
      rates.put(names.get(l), stats.neuronRatesHz(l, config.dt()));
    }
    return ReportPlots.all(
        digits,
        TuningCurves.tutorialPlot(arch.neurons()),
        testSamples,
        sampleRun,
        config.dt(),
        report,
        rates);
  }
}
