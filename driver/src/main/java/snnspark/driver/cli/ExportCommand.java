package snnspark.driver.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.UserException;
import snnspark.driver.model.NirExporter;
import snnspark.driver.model.NpzExporter;
import snnspark.driver.model.TrainedModel;
import snnspark.worker.SnnArchitecture;

/** {@code snn export}: the trained parameters for Python SNN tools. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description = {
      "Export a trained model: its parameters as a NumPy .npz (with manifest.json), or the"
          + " network as a NIR graph (HDF5, NIR 1.0's layout; docs/outputs.md gives the mapping)."
    })
public final class ExportCommand implements Callable<Integer> {
  /** The formats export writes. */
  static final String NPZ = "npz";

  static final String NIR = "nir";

  @Spec CommandSpec spec;

  @Mixin TrainedModelOption model;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: npz (default) or nir.")
  String format = NPZ;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  String out;

  @Override
  public Integer call() {
    if (!NPZ.equals(format) && !NIR.equals(format)) {
      throw new UserException("--format must be npz or nir, got '" + format + "'");
    }
    Configuration conf = new Configuration();
    TrainedModel trained = model.load(conf);
    SnnArchitecture arch = trained.metadata().architecture();
    if (NPZ.equals(format)) {
      HadoopFiles.writeAtomically(
          out, conf, stream -> NpzExporter.write(trained.network(), arch, stream));
    } else {
      NirExporter.checkExportable(model.uri, arch);
      double synapse = trained.metadata().training().tuning().synapseTau();
      HadoopFiles.writeAtomically(
          out, conf, stream -> NirExporter.write(trained.network(), arch, synapse, stream));
      NirExporter.caveat(arch)
          .ifPresent(
              note ->
                  spec.commandLine()
                      .getOut()
                      .println(note + " (train with --tau-ref 0 for an exact export)"));
    }
    spec.commandLine().getOut().println("wrote " + out);
    return 0;
  }
}
