package snnspark.datasets;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Images held out of a training set to measure the errors on, where no test set is given: image
 * {@code i} (in the set's order) is held out when a draw seeded by {@code seed} and {@code i} falls
 * below {@code fraction}, so the same set and seed hold out the same images wherever and however
 * the set is partitioned.
 *
 * @param fraction the share of images held out, in (0, 1)
 * @param seed the training seed
 */
public record Holdout(double fraction, long seed) implements Serializable {
  /** Rejects a fraction that would hold out nothing or everything. */
  public Holdout {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be above 0 and below 1, got " + fraction);
    }
  }

  /** Whether image {@code index} is held out. */
  public boolean holdsOut(long index) {
    return new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextDouble() < fraction;
  }

  /** The images of {@code data} that are held out ({@code held}) or trained on, in order. */
  public Dataset part(Dataset data, boolean held) {
    int size = data.imageSize();
    int count = 0;
    for (int i = 0; i < data.count(); i++) {
      count += holdsOut(i) == held ? 1 : 0;
    }
    byte[] pixels = new byte[count * size];
    byte[] labels = new byte[count];
    for (int i = 0, j = 0; i < data.count(); i++) {
      if (holdsOut(i) == held) {
        System.arraycopy(data.pixels(), i * size, pixels, j * size, size);
        labels[j++] = data.labels()[i];
      }
    }
    return new Dataset(
        data.source(),
        count,
        data.channels(),
        data.rows(),
        data.cols(),
        data.classes(),
        pixels,
        labels);
  }
}
