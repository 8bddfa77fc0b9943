package snnspark.driver.cli;

import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;

/**
 * {@code --model URI}: the trained model that {@code evaluate}, {@code predict} and {@code export}
 * read.
 */
final class TrainedModelOption {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "URI",
      description = "Model written by 'snn train'.")
  String uri;

  /** The model, read through {@code conf}'s file systems. */
  TrainedModel load(Configuration conf) {
    return new ModelStore(conf).load(uri);
  }
}
