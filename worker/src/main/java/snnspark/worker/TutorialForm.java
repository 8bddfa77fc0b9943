package snnspark.worker;

import java.util.List;
import java.util.Optional;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;

/**
 * The sizes of a network of the tutorial's form (docs/model.md, "Network"): conv, conv of the same
 * filters and kernel (both stride 1, valid), an average pool that divides the feature map, dense,
 * optionally dropout. The NIR export is written for this form and refuses other networks.
 *
 * @param channels image channels
 * @param rows image height
 * @param cols image width
 * @param filters filters of each convolution
 * @param kernel convolution kernel side
 * @param pool average-pool size and stride
 * @param dense neurons of the dense layer
 * @param classes outputs
 */
public record TutorialForm(
    int channels, int rows, int cols, int filters, int kernel, int pool, int dense, int classes) {

  /** DL4J layer index of the first convolution. */
  public static final int CONV1 = 0;

  /** DL4J layer index of the second convolution. */
  public static final int CONV2 = 1;

  /** DL4J layer index of the average pool. */
  public static final int POOL = 2;

  /** DL4J layer index of the dense layer. */
  public static final int DENSE = 3;

  /** DL4J layer index of the output (logits) layer. */
  public static final int OUTPUT = 4;

  /** The sizes of {@code arch} if it is of the tutorial's form. */
  static Optional<TutorialForm> of(SnnArchitecture arch) {
    List<LayerSpec> layers = arch.network().layers();
    if (layers.size() < 4
        || layers.size() > 5
        || !(layers.get(0) instanceof Conv conv)
        || conv.stride() != 1
        || conv.padding() != LayerSpec.Padding.VALID
        || !conv.equals(layers.get(1))
        || !(layers.get(2) instanceof AvgPool pool)
        || !(layers.get(3) instanceof Dense dense)
        || (layers.size() == 5 && !(layers.get(4) instanceof Dropout))) {
      return Optional.empty();
    }
    TutorialForm form =
        new TutorialForm(
            arch.channels(),
            arch.rows(),
            arch.cols(),
            conv.filters(),
            conv.kernel(),
            pool.size(),
            dense.units(),
            arch.classes());
    boolean divides = form.conv2Rows() % form.pool == 0 && form.conv2Cols() % form.pool == 0;
    return divides ? Optional.of(form) : Optional.empty();
  }

  /** The tutorial's form of {@code arch}, or a one-line refusal naming {@code what} needs it. */
  public static TutorialForm required(SnnArchitecture arch, String what) {
    return of(arch)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    what
                        + " takes networks of the tutorial's form only (conv, conv of the same"
                        + " filters and kernel, stride 1 and padding valid, an avgpool that"
                        + " divides its input, dense, optional dropout); this network is "
                        + arch.describe()));
  }

  /** Height of the first convolution's output. */
  public int conv1Rows() {
    return rows - kernel + 1;
  }

  /** Width of the first convolution's output. */
  public int conv1Cols() {
    return cols - kernel + 1;
  }

  /** Height of the second convolution's output. */
  public int conv2Rows() {
    return conv1Rows() - kernel + 1;
  }

  /** Width of the second convolution's output. */
  public int conv2Cols() {
    return conv1Cols() - kernel + 1;
  }

  /** Inputs of the dense layer: the pooled feature map, flattened (channel, row, column). */
  public int denseInputs() {
    return filters * (conv2Rows() / pool) * (conv2Cols() / pool);
  }
}
