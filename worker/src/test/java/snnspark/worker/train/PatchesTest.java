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
class PatchesTest {
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
    new Patches(K, false).im2col(x, actual);
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
    new Patches(K, false).im2col(x, actual);
    assertBitsEqual(expected, actual);
  }

  @Test
  void col2imSumsOverlappingPatchesInNd4jsOrder() {
    INDArray dcols = random(5, 4, K, K, 7, 5);
    INDArray expected = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7);
    Convolution.col2im(dcols, expected, 1, 1, 0, 0, 9, 7, 1, 1);
    INDArray actual = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7).assign(42);
    Patches patches = new Patches(K, false);
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
    new Patches(K, false).col2im(third, 0, actual, 1);
    assertBitsEqual(
        expected.get(NDArrayIndex.interval(3, 4)), actual.get(NDArrayIndex.interval(1, 2)));
    assertEquals(42f, actual.getFloat(0, 0, 0, 0));
    assertEquals(42f, actual.getFloat(2, 0, 0, 0));
  }

  /** {@code x} inside zeros: {@code (k - 1) / 2} before each row and column, the rest after. */
  private static INDArray padded(INDArray x, int k) {
    int before = (k - 1) / 2;
    INDArray out =
        Nd4j.create(DataType.FLOAT, x.size(0), x.size(1), x.size(2) + k - 1, x.size(3) + k - 1);
    out.get(
            NDArrayIndex.all(),
            NDArrayIndex.all(),
            NDArrayIndex.interval(before, before + x.size(2)),
            NDArrayIndex.interval(before, before + x.size(3)))
        .assign(x);
    return out;
  }

  /** Same padding is a valid convolution of the padded input, for odd and even kernels. */
  @Test
  void samePaddedPatchesAreThePaddedInputsPatches() {
    for (int k = 1; k <= 4; k++) {
      INDArray x = random(3, 2, 6, 5);
      INDArray expected = Nd4j.create(DataType.FLOAT, 3, 2, k, k, 6, 5);
      Convolution.im2col(padded(x, k), k, k, 1, 1, 0, 0, 1, 1, false, expected);
      INDArray actual = Nd4j.create(DataType.FLOAT, 3, 2, k, k, 6, 5).assign(42);
      new Patches(k, true).im2col(x, actual);
      assertBitsEqual(expected, actual);
    }
  }

  @Test
  void samePaddedCol2imIsThePaddedInputsCropped() {
    for (int k = 1; k <= 4; k++) {
      int before = (k - 1) / 2;
      INDArray dcols = random(3, 2, k, k, 6, 5);
      INDArray whole = Nd4j.create(DataType.FLOAT, 3, 2, 6 + k - 1, 5 + k - 1);
      Convolution.col2im(dcols, whole, 1, 1, 0, 0, 6 + k - 1, 5 + k - 1, 1, 1);
      INDArray expected =
          whole.get(
              NDArrayIndex.all(),
              NDArrayIndex.all(),
              NDArrayIndex.interval(before, before + 6),
              NDArrayIndex.interval(before, before + 5));
      INDArray actual = Nd4j.create(DataType.FLOAT, 3, 2, 6, 5).assign(42);
      Patches patches = new Patches(k, true);
      for (int n = 0; n < 3; n++) {
        patches.col2im(dcols, n, actual, n);
      }
      assertBitsEqual(expected, actual);
    }
  }

  @Test
  void refusesAnArrayInFortranOrder() {
    INDArray x = random(2, 1, 5, 5).dup('f');
    assertThrows(
        IllegalArgumentException.class, () -> new Patches(K, false).im2col(x, columnsFor(x)));
  }
}
