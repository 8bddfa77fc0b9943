package snnspark.driver.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.OutputFolder;
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
  enum Format {
    NPZ,
    NIR
  }

  @Spec CommandSpec spec;

  @Mixin TrainedModelOption model;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "Output format: npz (default) or nir.")
  Format format = Format.NPZ;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  String out;

  @Mixin OutputModeOption mode;

  @Override
  public Integer call() {
    Configuration conf = new Configuration();
    OutputFolder.checkFile(out, mode.mode(), conf); // before the model loads
    TrainedModel trained = model.load(conf);
    SnnArchitecture arch = trained.metadata().architecture();
    if (format == Format.NPZ) {
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

  /** Accepts the formats in any case. */
  static final class FormatConverter extends LowerCaseEnumConverter<Format> {
    FormatConverter() {
      super(Format.class);
    }
  }
}
