package snnspark.datasets;

import java.nio.file.Path;

/**
 * Where tests find the real datasets: {@code <project>/data/<name>}, fetched through the same
 * {@link DatasetFetcher} the CLI uses when missing (a no-op once present).
 */
public final class TestDatasets {
  private TestDatasets() {}

  /** The project's data folder (set by surefire; falls back to {@code ../data}). */
  public static Path dataRoot() {
    String root = System.getProperty("snnspark.data.root");
    return (root != null ? Path.of(root) : Path.of("..", "data")).toAbsolutePath().normalize();
  }

  /** The MNIST folder, fetched first if missing. */
  public static synchronized Path mnist() {
    return new DatasetFetcher(dataRoot()).fetch(KnownDataset.MNIST).directory();
  }
}
