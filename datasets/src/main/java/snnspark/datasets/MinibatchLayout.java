package snnspark.datasets;

import org.apache.spark.Partitioner;

/**
 * Where each training image goes: image {@code i} belongs to minibatch {@code i / batchSize}, and
 * partition {@code p} of {@code partitions} holds minibatches {@code [p * n / partitions, (p + 1) *
 * n / partitions)} of the {@code n}, as {@code parallelize} cuts a list. As a Spark {@link
 * Partitioner} it sends an image's index (a {@code Long} key) to its partition, so a table read
 * anywhere lands in the same minibatches as the same images held by the driver.
 */
public final class MinibatchLayout extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final long images;
  private final int batchSize;
  private final int partitions;
  private final long batches;

  /**
   * The layout of {@code images} images in minibatches of {@code batchSize} on {@code partitions}.
   */
  public MinibatchLayout(long images, int batchSize, int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("partition count must be positive, got " + partitions);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    this.images = images;
    this.batchSize = batchSize;
    this.partitions = partitions;
    this.batches = (images + batchSize - 1) / batchSize;
  }

  /** Images per minibatch (the last may hold fewer). */
  public int batchSize() {
    return batchSize;
  }

  /** The first minibatch of partition {@code p}. */
  public long firstBatch(int p) {
    return p * batches / partitions;
  }

  /** One past the last minibatch of partition {@code p}. */
  public long endBatch(int p) {
    return (p + 1) * batches / partitions;
  }

  /** The first image of minibatch {@code b}. */
  public long firstImage(long b) {
    return b * batchSize;
  }

  /** One past the last image of minibatch {@code b}. */
  public long endImage(long b) {
    return Math.min(firstImage(b + 1), images);
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  /** The partition of image {@code key} (a {@code Long} index). */
  @Override
  public int getPartition(Object key) {
    long batch = (Long) key / batchSize;
    // The largest p with firstBatch(p) <= batch: floor division inverted, then corrected.
    int p = (int) Math.min(partitions - 1, batch * partitions / Math.max(1, batches));
    while (p > 0 && firstBatch(p) > batch) {
      p--;
    }
    while (p < partitions - 1 && endBatch(p) <= batch) {
      p++;
    }
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinibatchLayout l
        && l.images == images
        && l.batchSize == batchSize
        && l.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(images) * 31 * 31 + batchSize * 31 + partitions;
  }
}
