package snnspark.driver.train;

import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mean of a round's worker arrays, written straight into the driver's network: {@code target[i]
 * = (terms[0][i] + terms[1][i] + ...) / count}, each sum rounded to float in partition order, then
 * divided. These are the bits of DL4J's averaging, which adds the workers' arrays in place ({@code
 * addi}), divides the sum ({@code divi}) and copies it into the network, in one pass over memory
 * instead of three (docs/performance.md, "The driver's mean in one pass").
 */
final class RoundMean {
  /** Elements per bulk copy between native memory and the Java loop, a few L1 caches' worth. */
  private static final int CHUNK = 8192;

  private RoundMean() {}

  /** Sets {@code target} to the sum of {@code terms}, in their order, divided by {@code count}. */
  static void into(INDArray target, List<INDArray> terms, int count) {
    if (!(dense(target) && terms.stream().allMatch(term -> sameDense(term, target)))) {
      INDArray sum = terms.get(0).dup();
      terms.subList(1, terms.size()).forEach(sum::addi);
      target.assign(sum.divi(count));
      return;
    }
    FloatBuffer out = target.data().asNioFloat();
    int outAt = Math.toIntExact(target.offset());
    int length = Math.toIntExact(target.length());
    float[] sum = new float[Math.min(CHUNK, length)];
    float[] term = new float[sum.length];
    float divisor = count;
    for (int from = 0; from < length; from += CHUNK) {
      int len = Math.min(CHUNK, length - from);
      read(terms.get(0), from, sum, len);
      for (int t = 1; t < terms.size(); t++) {
        read(terms.get(t), from, term, len);
        for (int k = 0; k < len; k++) {
          sum[k] += term[k];
        }
      }
      for (int k = 0; k < len; k++) {
        sum[k] /= divisor;
      }
      out.put(outAt + from, sum, 0, len);
    }
  }

  private static void read(INDArray a, int from, float[] into, int len) {
    a.data().asNioFloat().get(Math.toIntExact(a.offset()) + from, into, 0, len);
  }

  /** Whether {@code a} is float32 whose elements lie one after the other in its buffer. */
  private static boolean dense(INDArray a) {
    return a.dataType() == DataType.FLOAT && a.isVectorOrScalar() && a.elementWiseStride() == 1;
  }

  private static boolean sameDense(INDArray a, INDArray target) {
    return dense(a) && a.length() == target.length();
  }
}
