package snnspark.driver.cli;

import snnspark.datasets.KnownDataset;

/**
 * Where the commands read and write when not told otherwise: the layout {@code snn run} leaves
 * behind ({@code data/mnist} fetched, {@code out/model.zip} and {@code out/report.json} written),
 * whose model and dataset the benchmarks read by default.
 */
final class DefaultPaths {
  /** The folder datasets are fetched into. */
  static final String DATA_ROOT = "data";

  /** The tutorial's dataset, fetched by {@code snn run} when missing. */
  static final String MNIST = DATA_ROOT + "/" + KnownDataset.MNIST.id();

  /** The output folder of {@code run}, and the report folder of {@code evaluate}. */
  static final String OUT = "out";

  /** The model's file name in an output folder. */
  static final String MODEL_FILE = "model.zip";

  /** The model {@code snn run} trains. */
  static final String MODEL = OUT + "/" + MODEL_FILE;

  private DefaultPaths() {}
}
