package snnspark.datasets;

/** The two halves of an MNIST-style dataset and the file-name prefix each uses. */
public enum Split {
  /** The training set ({@code train-*}). */
  TRAIN("train"),
  /** The test set ({@code t10k-*}). */
  TEST("t10k");

  /** What the name of an images file ends with, uncompressed. */
  public static final String IMAGES_SUFFIX = "-images-idx3-ubyte";

  /** What the name of a labels file ends with, uncompressed. */
  public static final String LABELS_SUFFIX = "-labels-idx1-ubyte";

  private final String prefix;

  Split(String prefix) {
    this.prefix = prefix;
  }

  /** File name of the images, uncompressed. */
  public String imagesFile() {
    return prefix + IMAGES_SUFFIX;
  }

  /** File name of the labels, uncompressed. */
  public String labelsFile() {
    return prefix + LABELS_SUFFIX;
  }
}
