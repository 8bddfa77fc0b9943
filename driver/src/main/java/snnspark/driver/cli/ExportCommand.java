package snnspark.driver.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.UserException;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.NpzExporter;
import snnspark.driver.model.TrainedModel;

/** {@code snn export}: the trained parameters for Python SNN tools. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description = "Export a trained model's parameters as a NumPy .npz (with manifest.json).")
public final class ExportCommand implements Callable<Integer> {
  /** The formats export writes. */
  static final String NPZ = "npz";

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "URI",
      description = "Model written by 'snn train'.")
  String model;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: npz (default).")
  String format = NPZ;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  String out;

  @Override
  public Integer call() {
    if (!NPZ.equals(format)) {
      throw new UserException("--format must be npz, got '" + format + "'");
    }
    Configuration conf = new Configuration();
    TrainedModel trained = new ModelStore(conf).load(model);
    HadoopFiles.writeAtomically(
        out,
        conf,
        stream -> NpzExporter.write(trained.network(), trained.metadata().architecture(), stream));
    spec.commandLine().getOut().println("wrote " + out);
    return 0;
  }
}
