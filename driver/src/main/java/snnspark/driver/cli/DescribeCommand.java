package snnspark.driver.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.NetworkSummary;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.SnnArchitecture;

/**
 * {@code snn describe}: a trained model's network, or a description before training, as a table of
 * layers with their output shapes, neurons and parameters.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = SnnCli.EXIT_HEADING,
    exitCodeList = {SnnCli.EXIT_LINE_OK, SnnCli.EXIT_LINE_USAGE, SnnCli.EXIT_LINE_FAILURE},
    description =
        "Print a network layer by layer (output shape, neurons, parameters): a trained model's,"
            + " or the one --network describes (the tutorial's without either), as train would"
            + " build it.")
public final class DescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Source source = new Source();

  /** Where the network comes from: a model or a description. */
  static final class Source {
    @Option(names = "--model", paramLabel = "URI", description = "Model written by 'snn train'.")
    String model;

    @ArgGroup(exclusive = false)
    Description description = new Description();
  }

  /** A description with the input it would be trained on. */
  static final class Description {
    @Option(
        names = "--network",
        paramLabel = "FILE|JSON",
        description = "Network description (docs/networks.md), in a file or inline.")
    String network;

    @Option(
        names = "--image-shape",
        paramLabel = "HxWxC",
        description = "Input images' height, width and channels (default: ${DEFAULT-VALUE}).")
    String imageShape = SnnArchitecture.TUTORIAL.input().toString();

    @Option(
        names = "--classes",
        paramLabel = "N",
        description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes = SnnArchitecture.TUTORIAL.classes();
  }

  @Override
  public Integer call() {
    NetworkSummary.of(architecture()).forEach(spec.commandLine().getOut()::println);
    return 0;
  }

  private SnnArchitecture architecture() {
    if (source.model != null) {
      return new ModelStore(new Configuration()).load(source.model).metadata().architecture();
    }
    Description d = source.description;
    // What the seed preset would train: refused in the words, and by the checks, of training.
    return TrainSettings.TUTORIAL
        .withNetwork(NetworkArgument.read(d.network))
        .architecture(TrainingDataOptions.parseShape(d.imageShape), d.classes);
  }
}
