package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mean in one pass gives the bits of DL4J's: the workers' arrays added in place in partition
 * order, the sum divided by the count, copied into the network; for two workers (where dividing is
 * exact) and for three and five (where a reciprocal would round differently).
 */
class RoundMeanTest {
  /** More than one chunk, and not a whole number of them. */
  private static final int LENGTH = 20_000;

  @Test
  void twoThreeAndFiveWorkersGiveDl4jsBits() {
    for (int workers : new int[] {2, 3, 5}) {
      List<INDArray> terms = terms(workers, workers);
      INDArray target = Nd4j.zeros(DataType.FLOAT, 1, LENGTH);

      RoundMean.into(target, terms, workers);

      assertArrayEquals(dl4jMean(terms, workers), target.toFloatVector(), workers + " workers");
    }
  }

  @Test
  void viewsIntoLargerBuffersAreReadAndWrittenAtTheirOffsets() {
    List<INDArray> terms = new ArrayList<>();
    for (INDArray term : terms(2, 7)) {
      INDArray wider = Nd4j.rand(DataType.FLOAT, 1, LENGTH + 10);
      wider.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, LENGTH + 3)).assign(term);
      terms.add(wider.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, LENGTH + 3)));
    }
    INDArray wideTarget = Nd4j.zeros(DataType.FLOAT, 1, LENGTH + 10);
    INDArray target = wideTarget.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, LENGTH + 5));

    RoundMean.into(target, terms, 2);

    assertArrayEquals(dl4jMean(terms, 2), target.toFloatVector());
    assertArrayEquals(
        new float[5],
        wideTarget.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 5)).toFloatVector());
  }

  @Test
  void doublesTakeNd4jsOwnPath() {
    List<INDArray> terms = new ArrayList<>();
    for (INDArray term : terms(3, 11)) {
      terms.add(term.castTo(DataType.DOUBLE));
    }
    INDArray target = Nd4j.zeros(DataType.DOUBLE, 1, LENGTH);

    RoundMean.into(target, terms, 3);

    INDArray expected = terms.get(0).dup().addi(terms.get(1)).addi(terms.get(2)).divi(3);
    assertArrayEquals(expected.toDoubleVector(), target.toDoubleVector());
  }

  /** DL4J's mean: the first array summed into in place, divided, copied. */
  private static float[] dl4jMean(List<INDArray> terms, int count) {
    INDArray sum = terms.get(0).dup();
    for (INDArray term : terms.subList(1, terms.size())) {
      sum.addi(term);
    }
    return sum.divi(count).dup().toFloatVector();
  }

  /** Parameter-like values over many magnitudes, signs and a few zeros. */
  private static List<INDArray> terms(int count, long seed) {
    Random random = new Random(seed);
    List<INDArray> terms = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      float[] values = new float[LENGTH];
      for (int i = 0; i < LENGTH; i++) {
        values[i] =
            i % 97 == 0
                ? 0f
                : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6));
      }
      terms.add(Nd4j.create(values, new long[] {1, LENGTH}, 'c'));
    }
    return terms;
  }
}
