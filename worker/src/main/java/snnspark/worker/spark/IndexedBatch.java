package snnspark.worker.spark;

import java.io.Serializable;
import snnspark.datasets.Dataset;

/**
 * A slice of the test set and the index of its first image in the whole set. The index seeds the
 * images' initial voltages, so results do not depend on how the set was partitioned.
 *
 * @param firstIndex index in the whole set of {@code images}' first image
 * @param images the slice
 */
public record IndexedBatch(long firstIndex, Dataset images) implements Serializable {

  /** The labels of the slice. */
  public int[] labels() {
    int[] labels = new int[images.count()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = images.label(i);
    }
    return labels;
  }
}
