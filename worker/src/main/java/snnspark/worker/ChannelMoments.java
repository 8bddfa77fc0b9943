package snnspark.worker;

import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Count, sum and sum of squares of image values per channel: what {@link InputStandardization} is
 * measured from. Partitions sum their own minibatches and the driver adds the partitions' in
 * partition order, so the same images give the same bits whichever task finishes first.
 */
public final class ChannelMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] count;
  private final double[] sum;
  private final double[] sumOfSquares;

  /** Nothing counted yet, for {@code channels} channels. */
  public ChannelMoments(int channels) {
    count = new long[channels];
    sum = new double[channels];
    sumOfSquares = new double[channels];
  }

  /** Adds every value of NCHW {@code features}. */
  public ChannelMoments add(INDArray features) {
    long[] shape = features.shape();
    if (shape.length != 4 || shape[1] != channels()) {
      throw new IllegalArgumentException(
          "expected NCHW features of "
              + channels()
              + " channels, got shape "
              + Arrays.toString(shape));
    }
    float[] values = FloatArrays.flat(features);
    int perChannel = Math.toIntExact(shape[2] * shape[3]);
    for (int from = 0; from < values.length; from += perChannel) {
      int c = (from / perChannel) % channels();
      double s = 0;
      double squares = 0;
      for (int i = from; i < from + perChannel; i++) {
        s += values[i];
        squares += (double) values[i] * values[i];
      }
      count[c] += perChannel;
      sum[c] += s;
      sumOfSquares[c] += squares;
    }
    return this;
  }

  /** Adds {@code other}'s counts to these. */
  public ChannelMoments add(ChannelMoments other) {
    if (other.channels() != channels()) {
      throw new IllegalArgumentException(
          other.channels() + " channels added to " + channels() + " channels");
    }
    for (int c = 0; c < channels(); c++) {
      count[c] += other.count[c];
      sum[c] += other.sum[c];
      sumOfSquares[c] += other.sumOfSquares[c];
    }
    return this;
  }

  /** Channels. */
  public int channels() {
    return count.length;
  }

  /** Values counted in channel {@code c}. */
  public long count(int c) {
    return count[c];
  }

  /** Mean of channel {@code c}. */
  public double mean(int c) {
    checkCounted(c);
    return sum[c] / count[c];
  }

  /** Population variance of channel {@code c} (never below 0, whatever the rounding). */
  public double variance(int c) {
    double m = mean(c);
    return Math.max(0, sumOfSquares[c] / count[c] - m * m);
  }

  private void checkCounted(int c) {
    if (count[c] == 0) {
      throw new IllegalStateException("no values counted in channel " + c);
    }
  }
}
