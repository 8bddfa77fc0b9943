package snnspark.worker.train;

import java.io.Serializable;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.neuron.Seeds;

/**
 * Data augmentation by random shifts: each training image moves by a whole number of pixels, up to
 * {@code maxPixels} in each direction and axis, drawn anew for every epoch; pixels shifted in are 0
 * (MNIST's background). A digit then shows up in more places than the 60,000 images put it, which a
 * convolutional network with a dense layer on top otherwise learns only from the data.
 *
 * <p>The shift of an image follows from (seed, epoch, partition, minibatch, image), so a run is
 * reproducible whichever executor cuts the minibatch and however often Spark recomputes it.
 *
 * @param maxPixels largest shift along each axis (0: none, the tutorial's training)
 * @param seed the user's seed
 */
public record ShiftAugmentation(int maxPixels, long seed) implements Serializable {
  /** The stream of {@link Seeds#forTrainingStep} the shifts draw from (layers use 0 to 4). */
  private static final int STREAM = 101;

  /** The largest shift accepted: beyond it a 28-pixel digit starts to leave the image. */
  public static final int MAX_PIXELS = 8;

  /** Rejects a negative shift, or one beyond {@link #MAX_PIXELS}. */
  public ShiftAugmentation {
    if (maxPixels < 0 || maxPixels > MAX_PIXELS) {
      throw new IllegalArgumentException(
          "{augmentShift} must be 0 to " + MAX_PIXELS + " pixels, got " + maxPixels);
    }
  }

  /** Whether images move at all. */
  public boolean isOn() {
    return maxPixels > 0;
  }

  /** The minibatches of one partition, each image shifted for {@code epoch}. */
  public Iterator<DataSet> shift(Iterator<DataSet> minibatches, int epoch, int partition) {
    return new Iterator<>() {
      private int index;

      @Override
      public boolean hasNext() {
        return minibatches.hasNext();
      }

      @Override
      public DataSet next() {
        return shift(minibatches.next(), epoch, partition, index++);
      }
    };
  }

  /** Minibatch {@code index} of {@code partition} (NCHW features), shifted for {@code epoch}. */
  public DataSet shift(DataSet minibatch, int epoch, int partition, int index) {
    INDArray features = minibatch.getFeatures();
    long[] shape = features.shape();
    int images = (int) shape[0];
    int rows = (int) shape[2];
    int cols = (int) shape[3];
    int plane = rows * cols;
    int perImage = (int) (features.length() / images);
    float[] in = features.dup('c').data().asFloat();
    float[] out = new float[in.length];
    SplittableRandom random = Seeds.forTrainingStep(seed, epoch, index, STREAM, partition);
    for (int i = 0; i < images; i++) {
      int dy = random.nextInt(-maxPixels, maxPixels + 1);
      int dx = random.nextInt(-maxPixels, maxPixels + 1);
      for (int p = i * perImage; p < (i + 1) * perImage; p += plane) {
        shiftPlane(in, out, p, rows, cols, dy, dx);
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
}
