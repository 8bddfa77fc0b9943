package snnspark.driver;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.worker.SimulationConfig;
import snnspark.worker.SimulatorKind;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.SpikingSimulator;

/** {@code snn bench spiking}: the dense reference and the event-driven simulator side by side. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (not tests): each prints its summary as the last line.",
    subcommands = {BenchCommand.Spiking.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a benchmark: spiking");
  }

  /** Dense vs event-driven spiking simulation of the same images, one thread, same process. */
  @Command(
      name = "spiking",
      mixinStandardHelpOptions = true,
      description =
          "Run the same test images through the dense reference and the event-driven"
              + " simulator (one thread each) and compare speed and predictions.")
  static final class Spiking implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Dataset (default: ${DEFAULT-VALUE}).")
    String data = "data/mnist";

    @Option(
        names = "--model",
        paramLabel = "URI",
        description = "Trained model (default: ${DEFAULT-VALUE}).")
    String model = "out/model.zip";

    @Option(
        names = "--images",
        paramLabel = "N",
        description = "Test images (default: ${DEFAULT-VALUE}).")
    int images = 500;

    @Option(
        names = "--steps",
        paramLabel = "N",
        description = "Timesteps (default: ${DEFAULT-VALUE}).")
    int steps = SimulationConfig.SEED_STEPS;

    @Override
    public Integer call() {
      UserException.atLeastOne("--images", images);
      SimulationConfig config = SimulationConfig.seed(UserException.atLeastOne("--steps", steps));
      TrainedModel trained = new ModelStore(new org.apache.hadoop.conf.Configuration()).load(model);
      SnnArchitecture arch = trained.metadata().architecture();
      Dataset test =
          new DatasetLoader().load(data, Split.TEST, arch.rows(), arch.cols()).head(images);
      PrintWriter out = spec.commandLine().getOut();
      double[] rates = new double[2];
      int[][] predictions = new int[2][];
      SimulatorKind[] kinds = {SimulatorKind.DENSE, SimulatorKind.EVENT_DRIVEN};
      for (int k = 0; k < kinds.length; k++) {
        SpikingSimulator simulator = kinds[k].create(arch, trained.network().params());
        long start = System.nanoTime();
        predictions[k] = simulator.finalPredictions(test, config, SpikingEvaluator.BATCH);
        double seconds = (System.nanoTime() - start) / 1e9;
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
      out.flush();
      return 0;
    }
  }
}
