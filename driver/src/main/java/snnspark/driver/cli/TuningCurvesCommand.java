package snnspark.driver.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.OutputFolder;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.sim.TuningCurves;

/** {@code snn tuning-curves --out FILE.csv}: the tutorial's tuning-curve data for its neurons. */
@Command(
    name = "tuning-curves",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description =
        "Write rate vs input (Hz) of SoftLIF, LIF rate and a simulated spiking LIF neuron"
            + " for 201 inputs in [-1, 1], as CSV.")
public final class TuningCurvesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
  String out;

  @Mixin OutputModeOption mode;

  @Override
  public Integer call() {
    Configuration conf = new Configuration();
    OutputFolder.checkFile(out, mode.mode(), conf);
    List<TuningCurves.Point> curve = TuningCurves.tutorialPlot(NeuronParams.TUTORIAL);
    StringBuilder csv = new StringBuilder("u,softlif_rate,lif_rate,lif_spiking_rate\n");
    for (TuningCurves.Point p : curve) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%.2f,%.6f,%.6f,%.6f%n",
              p.u(),
              p.softLifHz(),
              p.lifHz(),
              p.spikingLifHz()));
    }
    HadoopFiles.writeAtomically(
        out, conf, stream -> stream.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    PrintWriter console = spec.commandLine().getOut();
    console.println("wrote " + curve.size() + " rows to " + out);
    return 0;
  }
}
