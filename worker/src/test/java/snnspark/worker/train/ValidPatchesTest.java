package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The bulk-copy im2col and col2im compute what ND4J's general ones compute. */
class ValidPatchesTest {
  private static final int K = 3;

  private static INDArray random(long... shape) {
    Nd4j.getRandom().setSeed(7);
    return Nd4j.rand(DataType.FLOAT, shape);
  }

  private static INDArray columnsFor(INDArray x) {
    return Nd4j.create(
        DataType.FLOAT, x.size(0), x.size(1), K, K, x.size(2) - K + 1, x.size(3) - K + 1);
  }

  /** INDArray.equals allows a relative 1e-5; these must agree to the bit. */
  private static void assertBitsEqual(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertArrayEquals(expected.dup('c').data().asFloat(), actual.dup('c').data().asFloat());
  }

  @Test
  void im2colCopiesExactlyWhatNd4jCopies() {
    INDArray x = random(5, 4, 9, 7);
    INDArray expected = columnsFor(x);
    Convolution.im2col(x, K, K, 1, 1, 0, 0, 1, 1, false, expected);
    INDArray actual = columnsFor(x);
    new ValidPatches(K).im2col(x, actual);
    assertBitsEqual(expected, actual);
  }

  @Test
  void im2colReadsAViewFromItsOffset() {
    INDArray whole = random(6, 2, 8, 8);
    INDArray x = whole.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
    assertEquals(3, x.size(0));
    INDArray expected = columnsFor(x);
    Convolution.im2col(x.dup('c'), K, K, 1, 1, 0, 0, 1, 1, false, expected);
    INDArray actual = columnsFor(x);
    new ValidPatches(K).im2col(x, actual);
    assertBitsEqual(expected, actual);
  }

  @Test
  void col2imSumsOverlappingPatchesInNd4jsOrder() {
    INDArray dcols = random(5, 4, K, K, 7, 5);
    INDArray expected = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7);
    Convolution.col2im(dcols, expected, 1, 1, 0, 0, 9, 7, 1, 1);
    INDArray actual = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7).assign(42);
    ValidPatches patches = new ValidPatches(K);
    for (int n = 0; n < 5; n++) {
      patches.col2im(dcols, n, actual, n);
    }
    assertBitsEqual(expected, actual);
  }

  @Test
  void col2imWritesOneImagesGradientWhereItIsTold() {
    INDArray dcols = random(5, 4, K, K, 7, 5);
    INDArray expected = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7);
    Convolution.col2im(dcols, expected, 1, 1, 0, 0, 9, 7, 1, 1);
    INDArray third = dcols.get(NDArrayIndex.interval(3, 4)).dup('c');
    INDArray actual = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7).assign(42);
    new ValidPatches(K).col2im(third, 0, actual, 1);
    assertBitsEqual(
        expected.get(NDArrayIndex.interval(3, 4)), actual.get(NDArrayIndex.interval(1, 2)));
    assertEquals(42f, actual.getFloat(0, 0, 0, 0));
    assertEquals(42f, actual.getFloat(2, 0, 0, 0));
  }

  @Test
  void refusesAnArrayInFortranOrder() {
    INDArray x = random(2, 1, 5, 5).dup('f');
    assertThrows(
        IllegalArgumentException.class, () -> new ValidPatches(K).im2col(x, columnsFor(x)));
  }
}
