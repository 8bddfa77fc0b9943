package snnspark.datasets;

/** The two halves of an MNIST-style dataset and the file-name prefix each uses. */
public enum Split {
  /** The training set ({@code train-*}). */
  TRAIN("train"),
  /** The test set ({@code t10k-*}). */
  TEST("t10k");

  private final String prefix;

  Split(String prefix) {
    this.prefix = prefix;
  }

  /** File name of the images, uncompressed. */
  public String imagesFile() {
    return prefix + "-images-idx3-ubyte";
  }

  /** File name of the labels, uncompressed. */
  public String labelsFile() {
    return prefix + "-labels-idx1-ubyte";
  }
}
