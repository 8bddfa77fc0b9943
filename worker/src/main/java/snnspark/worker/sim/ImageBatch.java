package snnspark.worker.sim;

import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.datasets.Dataset;
import snnspark.worker.neuron.Seeds;

/**
 * Images to simulate, as the network sees them: {@code count} images of {@code channels x rows x
 * cols} float32 values in [0, 1], image after image, each in (channel, row, column) order.
 *
 * <p>An image's initial voltages are drawn from its own values ({@link #key}), so the same image is
 * simulated the same way wherever it comes from (an IDX file, a Parquet table, a PNG) and whichever
 * batch, partition or position it lands in.
 *
 * @param count images
 * @param channels channels per image
 * @param rows image height
 * @param cols image width
 * @param pixels {@code count * channels * rows * cols} values
 */
public record ImageBatch(int count, int channels, int rows, int cols, float[] pixels)
    implements Serializable {
  /**
   * Images simulated together, by the evaluation and by {@code predict} alike: enough to amortise
   * per-step overhead, small enough for caches.
   */
  public static final int PREFERRED_SIZE = 100;

  /** Checks the values fit the shape. */
  public ImageBatch {
    String misfit = Dataset.shapeProblem(count, channels, rows, cols, pixels.length);
    if (misfit != null) {
      throw new IllegalArgumentException(misfit);
    }
  }

  /** The images of {@code data}, scaled to [0, 1] as training saw them. */
  public static ImageBatch of(Dataset data) {
    return new ImageBatch(
        data.count(),
        data.channels(),
        data.rows(),
        data.cols(),
        data.imagesAsFloats(0, data.count()));
  }

  /** Values per image. */
  public int imageSize() {
    return channels * rows * cols;
  }

  /** Image {@code i}'s values. */
  public float[] image(int i) {
    return Arrays.copyOfRange(pixels, i * imageSize(), (i + 1) * imageSize());
  }

  /** All images as an NCHW array {@code [count, channels, rows, cols]}. */
  public INDArray features() {
    return Nd4j.create(pixels, new long[] {count, channels, rows, cols}, 'c');
  }

  /** What image {@code i}'s initial voltages are drawn from: a hash of its values. */
  public long key(int i) {
    return Seeds.imageKey(pixels, i * imageSize(), imageSize());
  }
}
