package snnspark.worker.train;

import java.io.Serializable;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.FloatArrays;
import snnspark.worker.neuron.Seeds;

/**
 * Data augmentation, drawn anew for every epoch: random shifts, each training image moving by a
 * whole number of pixels, up to {@code maxShift} in each direction and axis, with 0 shifted in
 * (MNIST's background); and left-right mirroring of half the images, for classes that do not depend
 * on handedness (a shirt, a shoe; not a digit). A convolutional network with a dense layer on top
 * otherwise learns each pose only from the images that show it.
 *
 * <p>What happens to an image follows from (seed, epoch, partition, minibatch, image), so a run is
 * reproducible whichever executor cuts the minibatch and however often Spark recomputes it. The
 * mirror draws come after the shift draws and only when mirroring, so a run with shifts alone draws
 * the same shifts as before mirroring existed.
 *
 * @param maxShift largest shift along each axis (0: none, the tutorial's training)
 * @param mirror whether half the images, drawn at random, are mirrored left to right
 * @param seed the user's seed
 */
public record ImageAugmentation(int maxShift, boolean mirror, long seed) implements Serializable {
  /** The stream of {@link Seeds#forTrainingStep} the draws come from (layers use 0 to 4). */
  private static final int STREAM = 101;

  /** The largest shift accepted: beyond it a 28-pixel digit starts to leave the image. */
  public static final int MAX_SHIFT = 8;

  /** Rejects a negative shift, or one beyond {@link #MAX_SHIFT}. */
  public ImageAugmentation {
    if (maxShift < 0 || maxShift > MAX_SHIFT) {
      throw new IllegalArgumentException(
          "{augmentShift} must be 0 to " + MAX_SHIFT + " pixels, got " + maxShift);
    }
  }

  /** Whether images change at all. */
  public boolean isOn() {
    return maxShift > 0 || mirror;
  }

  /** The minibatches of one partition, each image augmented for {@code epoch}. */
  public Iterator<DataSet> apply(Iterator<DataSet> minibatches, int epoch, int partition) {
    return new Iterator<>() {
      private int index;

      @Override
      public boolean hasNext() {
        return minibatches.hasNext();
      }

      @Override
      public DataSet next() {
        return apply(minibatches.next(), epoch, partition, index++);
      }
    };
  }

  /** Minibatch {@code index} of {@code partition} (NCHW features), augmented for {@code epoch}. */
  public DataSet apply(DataSet minibatch, int epoch, int partition, int index) {
    INDArray features = minibatch.getFeatures();
    long[] shape = features.shape();
    int images = (int) shape[0];
    int rows = (int) shape[2];
    int cols = (int) shape[3];
    int plane = rows * cols;
    int perImage = (int) (features.length() / images);
    float[] in = FloatArrays.flat(features);
    float[] out = new float[in.length];
    SplittableRandom random = Seeds.forTrainingStep(seed, epoch, index, STREAM, partition);
    for (int i = 0; i < images; i++) {
      int dy = random.nextInt(-maxShift, maxShift + 1);
      int dx = random.nextInt(-maxShift, maxShift + 1);
      boolean flip = mirror && random.nextBoolean();
      for (int p = i * perImage; p < (i + 1) * perImage; p += plane) {
        shiftPlane(in, out, p, rows, cols, dy, dx);
        if (flip) {
          mirrorPlane(out, p, rows, cols);
        }
      }
    }
    return new DataSet(Nd4j.create(out, shape, 'c'), minibatch.getLabels());
  }

  /** Copies the plane at {@code offset} moved down {@code dy} and right {@code dx}, 0 elsewhere. */
  private static void shiftPlane(
      float[] in, float[] out, int offset, int rows, int cols, int dy, int dx) {
    int fromCol = Math.max(0, -dx);
    int toCol = Math.min(cols, cols - dx);
    for (int y = Math.max(0, -dy); y < Math.min(rows, rows - dy); y++) {
      System.arraycopy(
          in,
          offset + y * cols + fromCol,
          out,
          offset + (y + dy) * cols + fromCol + dx,
          toCol - fromCol);
    }
  }

  /** Reverses each row of the plane at {@code offset} in place. */
  private static void mirrorPlane(float[] plane, int offset, int rows, int cols) {
    for (int row = offset; row < offset + rows * cols; row += cols) {
      for (int left = row, right = row + cols - 1; left < right; left++, right--) {
        float kept = plane[left];
        plane[left] = plane[right];
        plane[right] = kept;
      }
    }
  }
}
