package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Padding;

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
    assertBitsEqual(expected, actual, "");
  }

  private static void assertBitsEqual(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what);
    assertArrayEquals(expected.dup('c').data().asFloat(), actual.dup('c').data().asFloat(), what);
  }

  @Test
  void im2colCopiesExactlyWhatNd4jCopies() {
    INDArray x = random(5, 4, 9, 7);
    INDArray expected = columnsFor(x);
    Convolution.im2col(x, K, K, 1, 1, 0, 0, 1, 1, false, expected);
    INDArray actual = columnsFor(x);
    im2colEach(valid(K), x, actual);
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
    im2colEach(valid(K), x, actual);
    assertBitsEqual(expected, actual);
  }

  @Test
  void col2imSumsOverlappingPatchesInNd4jsOrder() {
    INDArray dcols = signedGradients(5, 4, K, K, 7, 5);
    INDArray expected = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7);
    Convolution.col2im(dcols, expected, 1, 1, 0, 0, 9, 7, 1, 1);
    assertBitsEqual(expected, col2imEach(valid(K), dcols, 5, 4, 9, 7));
  }

  /** The patches of every image of {@code x} into {@code cols}, one image at a time. */
  private static void im2colEach(Patches patches, INDArray x, INDArray cols) {
    for (int n = 0; n < x.size(0); n++) {
      patches.im2col(x, n, cols, n);
    }
  }

  /** Each image of {@code dcols} summed back onto its place in an array of 42s of {@code shape}. */
  private static INDArray col2imEach(Patches patches, INDArray dcols, long... shape) {
    INDArray actual = Nd4j.create(DataType.FLOAT, shape).assign(42);
    for (int n = 0; n < shape[0]; n++) {
      patches.col2im(dcols, n, actual, n);
    }
    return actual;
  }

  @Test
  void col2imWritesOneImagesGradientWhereItIsTold() {
    INDArray dcols = random(5, 4, K, K, 7, 5);
    INDArray expected = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7);
    Convolution.col2im(dcols, expected, 1, 1, 0, 0, 9, 7, 1, 1);
    INDArray third = dcols.get(NDArrayIndex.interval(3, 4)).dup('c');
    INDArray actual = Nd4j.create(DataType.FLOAT, 5, 4, 9, 7).assign(42);
    valid(K).col2im(third, 0, actual, 1);
    assertBitsEqual(
        expected.get(NDArrayIndex.interval(3, 4)), actual.get(NDArrayIndex.interval(1, 2)));
    assertEquals(42f, actual.getFloat(0, 0, 0, 0));
    assertEquals(42f, actual.getFloat(2, 0, 0, 0));
  }

  private static Patches valid(int k) {
    return new Patches(new Conv(1, k, 1, Padding.VALID));
  }

  /** {@code x} inside the zeros {@code conv} pads it with, before and after each row and column. */
  private static INDArray padded(INDArray x, Conv conv) {
    int rows = Math.toIntExact(x.size(2));
    int cols = Math.toIntExact(x.size(3));
    int top = conv.padBefore(rows);
    int left = conv.padBefore(cols);
    int bottom = paddedSize(conv, rows) - rows - top;
    int right = paddedSize(conv, cols) - cols - left;
    INDArray out =
        Nd4j.create(DataType.FLOAT, x.size(0), x.size(1), top + rows + bottom, left + cols + right);
    out.get(
            NDArrayIndex.all(),
            NDArrayIndex.all(),
            NDArrayIndex.interval(top, top + rows),
            NDArrayIndex.interval(left, left + cols))
        .assign(x);
    return out;
  }

  /** The padded length whose valid windows are {@code conv}'s outputs. */
  private static int paddedSize(Conv conv, int size) {
    return Math.max((conv.outputs(size) - 1) * conv.stride() + conv.kernel(), size);
  }

  /** Kernels 1-4, strides 1-3, both paddings, on an image of 7x6 pixels. */
  private static List<Conv> convolutions() {
    List<Conv> all = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      for (int stride = 1; stride <= 3; stride++) {
        all.add(new Conv(1, k, stride, Padding.VALID));
        all.add(new Conv(1, k, stride, Padding.SAME));
      }
    }
    return all;
  }

  /** A padded convolution is a valid one of the padded input, for odd and even kernels. */
  @Test
  void patchesAreThePaddedInputsValidPatchesAtAnyStride() {
    for (Conv conv : convolutions()) {
      int k = conv.kernel();
      int s = conv.stride();
      INDArray x = random(3, 2, 7, 6);
      long[] shape = {3, 2, k, k, conv.outputs(7), conv.outputs(6)};
      INDArray expected = Nd4j.create(DataType.FLOAT, shape);
      Convolution.im2col(padded(x, conv), k, k, s, s, 0, 0, 1, 1, false, expected);
      INDArray actual = Nd4j.create(DataType.FLOAT, shape).assign(42);
      im2colEach(new Patches(conv), x, actual);
      assertBitsEqual(expected, actual, conv.toString());
    }
  }

  @Test
  void col2imIsThePaddedInputsCroppedAtAnyStride() {
    for (Conv conv : convolutions()) {
      int k = conv.kernel();
      int s = conv.stride();
      INDArray dcols = signedGradients(3, 2, k, k, conv.outputs(7), conv.outputs(6));
      int rows = paddedSize(conv, 7);
      int cols = paddedSize(conv, 6);
      INDArray whole = Nd4j.create(DataType.FLOAT, 3, 2, rows, cols);
      Convolution.col2im(dcols, whole, s, s, 0, 0, rows, cols, 1, 1);
      INDArray expected =
          whole.get(
              NDArrayIndex.all(),
              NDArrayIndex.all(),
              NDArrayIndex.interval(conv.padBefore(7), conv.padBefore(7) + 7),
              NDArrayIndex.interval(conv.padBefore(6), conv.padBefore(6) + 6));
      assertBitsEqual(expected, col2imEach(new Patches(conv), dcols, 3, 2, 7, 6), conv.toString());
    }
  }

  /** Valid convolutions of stride 1, kernels 1-4: those whose patch gradients sum as whole rows. */
  private static List<Conv> inputRowConvolutions() {
    List<Conv> all = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      all.add(new Conv(1, k, 1, Padding.VALID));
    }
    return all;
  }

  @Test
  void onlyValidConvolutionsOfStrideOneSumInputRows() {
    for (Conv conv : convolutions()) {
      assertEquals(
          conv.stride() == 1 && conv.padding() == Padding.VALID,
          new Patches(conv).sumsInputRows(),
          conv.toString());
    }
  }

  /**
   * Patch gradients of both signs and many magnitudes (so that summing in another order rounds
   * differently), with negative zeros and values that cancel (so that a sum passes through zero
   * where the widened rows add theirs).
   */
  private static INDArray signedGradients(long... shape) {
    float[] values = random(shape).data().asFloat();
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((values[i] - 0.5) * Math.exp(i % 17 - 8));
    }
    for (int i = 0; i < values.length; i += 7) {
      values[i] = -0f;
    }
    for (int i = 3; i + 1 < values.length; i += 11) {
      values[i + 1] = -values[i];
    }
    return Nd4j.create(values, shape, 'c');
  }

  @Test
  void col2imFromInputRowsGivesCol2imsBits() {
    for (Conv conv : inputRowConvolutions()) {
      int k = conv.kernel();
      int outRows = conv.outputs(7);
      int outCols = conv.outputs(6);
      INDArray dcols = signedGradients(3, 2, k, k, outRows, outCols);
      INDArray expected = col2imEach(new Patches(conv), dcols, 3, 2, 7, 6);
      Patches patches = new Patches(conv);
      INDArray actual = Nd4j.create(DataType.FLOAT, 3, 2, 7, 6).assign(42);
      for (int n = 0; n < 3; n++) {
        INDArray image =
            dcols.get(NDArrayIndex.interval(n, n + 1)).reshape(2 * k * k, outRows, outCols);
        INDArray wide = Nd4j.create(DataType.FLOAT, 2 * k * k, outRows, 6);
        wide.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, outCols))
            .assign(image);
        patches.col2imFromInputRows(wide.reshape(2 * k * k, outRows * 6), actual, n);
      }
      assertBitsEqual(expected, actual, conv.toString());
    }
  }

  /**
   * Each row of patches is the run of its plane from its kernel offset on, with zeros past the
   * plane's end, for every image of a view that starts inside its buffer; the columns inside each
   * output row are im2col's patches.
   */
  @Test
  void im2colOnInputRowsCopiesRunsOfEachPlane() {
    for (Conv conv : inputRowConvolutions()) {
      int k = conv.kernel();
      int outRows = conv.outputs(7);
      int outCols = conv.outputs(6);
      INDArray x = signedGradients(4, 2, 7, 6).get(NDArrayIndex.interval(1, 4));
      INDArray narrow = Nd4j.create(DataType.FLOAT, 3, 2, k, k, outRows, outCols);
      im2colEach(new Patches(conv), x, narrow);
      Patches patches = new Patches(conv);
      float[] images = x.dup('c').data().asFloat();
      for (int n = 0; n < 3; n++) {
        INDArray cols = Nd4j.create(DataType.FLOAT, 2 * k * k, outRows * 6).assign(42);
        patches.im2colOnInputRows(x, n, cols);
        for (int row = 0; row < 2 * k * k; row++) {
          int c = row / (k * k);
          int start = (row % (k * k) / k) * 6 + row % k;
          for (int j = 0; j < outRows * 6; j++) {
            float expected = start + j < 7 * 6 ? images[(n * 2 + c) * 7 * 6 + start + j] : 0f;
            assertEquals(
                Float.floatToRawIntBits(expected),
                Float.floatToRawIntBits(cols.getFloat(row, j)),
                conv + ", image " + n + ", row " + row + ", column " + j);
          }
        }
        assertBitsEqual(
            narrow.get(NDArrayIndex.point(n)).reshape(2 * k * k, outRows, outCols),
            cols.reshape(2 * k * k, outRows, 6)
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, outCols)),
            conv + ", image " + n);
      }
    }
  }

  @Test
  void widenToInputRowsPadsEachOutputRowWithZerosToTheInputWidth() {
    Conv conv = new Conv(1, K, 1, Padding.VALID);
    INDArray x = Nd4j.create(DataType.FLOAT, 2, 3, 7, 6);
    Patches patches = new Patches(conv);
    assertEquals(5 * 6, patches.inputRowsLength(x));
    INDArray deltas = signedGradients(2, 4, 5 * 4);
    INDArray wide = Nd4j.create(DataType.FLOAT, 4, 5 * 6).assign(42);
    patches.widenToInputRows(deltas, 1, wide, x);
    INDArray rows = wide.reshape(4, 5, 6);
    assertBitsEqual(
        deltas.get(NDArrayIndex.point(1)).reshape(4, 5, 4),
        rows.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)));
    for (float gap :
        rows.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 6))
            .dup('c')
            .data()
            .asFloat()) {
      assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(gap));
    }
  }

  @Test
  void refusesAnArrayInFortranOrder() {
    INDArray x = random(2, 1, 5, 5).dup('f');
    assertThrows(IllegalArgumentException.class, () -> im2colEach(valid(K), x, columnsFor(x)));
  }
}
