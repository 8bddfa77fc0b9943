package snnspark.driver.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.driver.bench.GemmShape;
import snnspark.driver.bench.LossComparison;
import snnspark.driver.bench.MemoryUse;
import snnspark.driver.bench.ParallelSimulation;
import snnspark.driver.bench.SgemmPeak;
import snnspark.driver.bench.SparkTrainingSpeed;
import snnspark.driver.bench.TrainingGemms;
import snnspark.driver.io.UserException;
import snnspark.driver.job.SparkSettings;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.Stopwatch;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.sim.SpikingSimulator;
import snnspark.worker.spark.BlasKernel;
import snnspark.worker.train.Dl4jNetworks;

/**
 * {@code snn bench spiking} and {@code snn bench training}: each runs a baseline and the fast
 * version on the same data in one process and prints the ratio as its last line.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (not tests): each prints its summary as the last line.",
    subcommands = {
      BenchCommand.Spiking.class,
      BenchCommand.Training.class,
      BenchCommand.Gemm.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a benchmark: spiking, training or gemm");
  }

  /** Dense vs event-driven spiking simulation of the same images, one thread, same process. */
  @Command(
      name = "spiking",
      mixinStandardHelpOptions = true,
      description =
          "Run the same test images through the dense reference and the event-driven"
              + " simulator (one thread each) and compare speed and predictions; then the"
              + " event-driven simulator on one thread per core, as an evaluation runs.")
  static final class Spiking implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin BenchData dataset;

    @Option(
        names = "--model",
        paramLabel = "URI",
        description = "Trained model (default: ${DEFAULT-VALUE}).")
    String model = DefaultPaths.MODEL;

    @Option(
        names = "--images",
        paramLabel = "N",
        description = "Test images (default: ${DEFAULT-VALUE}).")
    int images = 500;

    @Option(
        names = "--steps",
        paramLabel = "N",
        description = "Timesteps (default: ${DEFAULT-VALUE}).")
    int steps = SimulationConfig.TUTORIAL_STEPS;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Threads of the last run (default: this machine's cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
      UserException.atLeastOne("images", images);
      UserException.atLeastOne("threads", threads);
      SimulationConfig config = UserException.checking(() -> SimulationConfig.tutorial(steps));
      TrainedModel trained = new ModelStore(new Configuration()).load(model);
      SnnArchitecture arch = trained.metadata().architecture();
      DatasetLoader.checkGrey(dataset.data, arch.channels());
      Dataset test =
          new DatasetLoader()
              .load(dataset.data, Split.TEST, arch.rows(), arch.cols(), arch.classes())
              .head(images);
      PrintWriter out = spec.commandLine().getOut();
      double[] rates = new double[2];
      int[][] predictions = new int[2][];
      SimulatorKind[] kinds = {SimulatorKind.DENSE, SimulatorKind.EVENT_DRIVEN};
      for (int k = 0; k < kinds.length; k++) {
        SpikingSimulator simulator = kinds[k].create(arch, trained.network().params());
        Stopwatch start = Stopwatch.start();
        predictions[k] = simulator.finalPredictions(test, config, ImageBatch.PREFERRED_SIZE);
        double seconds = start.seconds();
        rates[k] = (double) test.count() * config.steps() / seconds;
        out.printf(
            Locale.ROOT, "%-12s %8.1f s  %8.0f image-steps/s%n", kinds[k], seconds, rates[k]);
        out.flush();
      }
      int agree = 0;
      for (int i = 0; i < test.count(); i++) {
        agree += predictions[0][i] == predictions[1][i] ? 1 : 0;
      }
      out.printf(
          Locale.ROOT,
          "spiking: event-driven %.1fx dense (%.0f vs %.0f image-steps/s), agreement %.2f%%%n",
          rates[1] / rates[0],
          rates[1],
          rates[0],
          100.0 * agree / test.count());
      printParallel(out, trained, test, config, predictions[1]);
      out.println(MemoryUse.ofThisJvm().line());
      out.flush();
      return 0;
    }

    /**
     * The event-driven simulator on {@link #threads} threads, against its one-thread predictions.
     */
    private void printParallel(
        PrintWriter out,
        TrainedModel trained,
        Dataset test,
        SimulationConfig config,
        int[] oneThread) {
      SnnArchitecture arch = trained.metadata().architecture();
      ParallelSimulation run =
          ParallelSimulation.run(
              SimulatorKind.EVENT_DRIVEN,
              TrainedWeights.of(arch, trained.network().params()),
              test,
              config,
              threads);
      out.printf(
          Locale.ROOT,
          "event-driven on %d threads: %.1f s, %.0f image-steps/s; predictions %s one thread's%n",
          threads,
          run.seconds(),
          run.imageStepsPerSecond(config),
          Arrays.equals(run.predictions(), oneThread) ? "equal to" : "DIFFERENT from");
      out.flush();
    }
  }

  /**
   * DL4J's own convolution layers with the un-fused SoftLIF activation (the baseline) against the
   * fused layers, first in one process step by step (their losses must agree), then as real Spark
   * training by parameter averaging (their speed).
   */
  @Command(
      name = "training",
      mixinStandardHelpOptions = true,
      description =
          "Train the baseline and the fast network on the same images: compare their losses"
              + " step by step in one process, then their speed as Spark training.")
  static final class Training implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin BenchData dataset;

    @Option(
        names = "--images",
        paramLabel = "N",
        description =
            "Training images of the Spark runs, each timed over 3 epochs after an uncounted"
                + " warm-up (default: ${DEFAULT-VALUE}).")
    int images = 12000;

    @Option(
        names = "--steps",
        paramLabel = "N",
        description = "Single-process steps whose losses are compared (default: ${DEFAULT-VALUE}).")
    int steps = 100;

    @picocli.CommandLine.Mixin SparkOptions spark;

    @Override
    public Integer call() {
      UserException.atLeastOne("images", images);
      UserException.atLeastOne("steps", steps);
      SparkSettings sparkSettings = spark.settings();
      SnnArchitecture arch = SnnArchitecture.TUTORIAL;
      TrainSettings settings = TrainSettings.TUTORIAL;
      Dataset train =
          new DatasetLoader()
              .load(dataset.data, Split.TRAIN, arch.rows(), arch.cols(), arch.classes())
              .head(images);
      PrintWriter out = spec.commandLine().getOut();
      compareLosses(out, arch, train, settings.batchSize());
      double[] speed = new double[2];
      int workers;
      try (JavaSparkContext sc = sparkSettings.start("snn-spark bench training")) {
        workers = sparkSettings.workers(sc);
        SparkTrainingSpeed bench = new SparkTrainingSpeed(sc, arch, settings, workers);
        MultiLayerConfiguration[] configurations = {
          Dl4jNetworks.baseline(arch, settings.seed()), Dl4jNetworks.training(arch, settings.seed())
        };
        for (int k = 0; k < 2; k++) {
          speed[k] = bench.imagesPerSecond(configurations[k], train, dataset.data);
          out.printf(
              Locale.ROOT,
              "spark, %d workers, %d images x %d epochs: %-8s %6.0f images/s%n",
              workers,
              train.count(),
              SparkTrainingSpeed.MEASURED_EPOCHS,
              k == 0 ? "baseline" : "fast",
              speed[k]);
          out.flush();
        }
      }
      summarise(out, arch, workers, speed[0], speed[1]);
      out.println(MemoryUse.ofThisJvm().line());
      out.flush();
      return 0;
    }

    /** The single-process loss comparison, one line. */
    private void compareLosses(PrintWriter out, SnnArchitecture arch, Dataset train, int batch) {
      LossComparison losses = LossComparison.run(arch, train, batch, steps);
      out.printf(
          Locale.ROOT,
          "one process, %d steps of %d images: loss %.4f -> %.4f (baseline) vs %.4f -> %.4f"
              + " (fast); %d-step means differ by at most %.1f%%, single steps agree within"
              + " %.1f%% up to step %d; %.0f vs %.0f images/s%n",
          steps,
          batch,
          losses.baseline()[0],
          losses.baseline()[steps - 1],
          losses.fast()[0],
          losses.fast()[steps - 1],
          LossComparison.WINDOW,
          100 * losses.largestWindowDifference(),
          100 * LossComparison.STEP_TOLERANCE,
          losses.stepsAgreeingWithin(LossComparison.STEP_TOLERANCE),
          losses.baselineImagesPerSecond(),
          losses.fastImagesPerSecond());
      out.flush();
    }

    /** The machine's GEMM peak and the summary line. */
    private static void summarise(
        PrintWriter out, SnnArchitecture arch, int workers, double baseline, double fast) {
      double peak = SgemmPeak.measure(workers);
      double flops = arch.trainingFlopsPerImage();
      out.printf(
          Locale.ROOT,
          "sgemm 1024x1024, %d threads at once: %.1f GFLOP/s; training needs %.1f MFLOP per image%n",
          workers,
          peak,
          flops / 1e6);
      out.printf(
          Locale.ROOT,
          "training: %.1fx baseline (%.0f vs %.0f images/s), %.0f%% of measured sgemm peak%n",
          fast / baseline,
          fast,
          baseline,
          100 * fast * flops / (peak * 1e9));
      out.flush();
    }
  }

  /**
   * The float GEMMs of a training step of the tutorial's network, each measured as training runs
   * them (one thread per worker at once), under the BLAS kernel this process loaded: run it once
   * per kernel ({@code SNN_BLAS_KERNEL=Haswell deploy/snn bench gemm}) to compare kernels on the
   * shapes that matter, not only 1024x1024.
   */
  @Command(
      name = "gemm",
      mixinStandardHelpOptions = true,
      description =
          "Measure the float GEMMs of a training step of the tutorial's network (and 1024x1024)"
              + " under this process's BLAS kernel, one thread per worker at once.")
  static final class Gemm implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--batch",
        paramLabel = "N",
        description = "Images per worker's minibatch (default: ${DEFAULT-VALUE}).")
    int batch = 100;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description =
            "Threads at once, one per worker (default: this machine's cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
      UserException.atLeastOne("batch", batch);
      UserException.atLeastOne("threads", threads);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "BLAS kernel: %s; %d threads at once%n",
          BlasKernel.loaded().core(),
          threads);
      List<GemmShape> shapes = new ArrayList<>(TrainingGemms.of(SnnArchitecture.TUTORIAL, batch));
      shapes.add(SgemmPeak.SQUARE);
      for (GemmShape shape : shapes) {
        out.printf(
            Locale.ROOT,
            "%-40s %-26s %7.1f GFLOP/s%n",
            shape.name(),
            shape.sizes(),
            SgemmPeak.measure(threads, shape));
        out.flush();
      }
      return 0;
    }
  }

  /** The dataset flag both benchmarks share. */
  static final class BenchData {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Dataset (default: ${DEFAULT-VALUE}).")
    String data = DefaultPaths.MNIST;
  }
}
