package snnspark.driver.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;

/** {@code snn inspect DIR}: validates both splits of a dataset and summarises them. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description =
        "Validate a dataset folder (path or hdfs://, s3a:// URI) and print its counts,"
            + " label histogram and value range.")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Dataset folder or URI.")
  String dir;

  @Override
  public Integer call() {
    DatasetLoader loader = new DatasetLoader(new Configuration());
    PrintWriter out = spec.commandLine().getOut();
    // Both splits are validated before anything is printed: a bad dataset gives one error line.
    List<Dataset> splits =
        Arrays.stream(Split.values()).map(split -> loader.load(dir, split)).toList();
    for (Split split : Split.values()) {
      Dataset data = splits.get(split.ordinal());
      out.printf(
          "%-5s %6d images of %dx%d, pixels in [%.3f, %.3f], labels %s  (%s)%n",
          split.name().toLowerCase(Locale.ROOT),
          data.count(),
          data.rows(),
          data.cols(),
          data.minPixel(),
          data.maxPixel(),
          Arrays.toString(data.labelHistogram()),
          data.source());
    }
    return 0;
  }
}
