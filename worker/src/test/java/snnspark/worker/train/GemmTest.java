package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Products straight to OpenBLAS give {@code Nd4j.gemm}'s bits, on blocks at any offset. */
class GemmTest {
  private static final int FILTERS = 32;
  private static final int PATCH = 288;
  private static final int PIXELS = 121;

  // The widening tests' outputs, ROWS x COLS == PIXELS, on an input WIDTH pixels wide.
  private static final int ROWS = 11;
  private static final int COLS = 11;
  private static final int WIDTH = 13;
  private static final Random RANDOM = new Random(7);

  /** Each operand's values, as the test made them. */
  private static final Map<Gemm.Operand, float[]> ARRAYS = new HashMap<>();

  private static INDArray randomArray(int length) {
    float[] values = new float[length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) RANDOM.nextGaussian();
    }
    return Nd4j.create(values, new long[] {length}, 'c');
  }

  /**
   * Every transpose combination {@link FusedConvolution} uses, at the tutorial's conv 2 sizes (32
   * filters, 288-value patches, 121 pixels), with blocks away from the start of their arrays and
   * one in a view that starts inside its buffer, accumulating ({@code beta = 1}) as the weight
   * gradient does.
   */
  @Test
  void givesNd4jsBitsForEveryTransposeAndOffset() {
    int size = FILTERS * PATCH;
    INDArray weights = randomArray(5 + size).get(NDArrayIndex.interval(5, 5 + size));
    Gemm.Block w = operand(weights).block(0, FILTERS, PATCH);
    Gemm.Block x =
        operand(randomArray(3 * PATCH * PIXELS)).block(2L * PATCH * PIXELS, PATCH, PIXELS);
    Gemm.Block d =
        operand(randomArray(2 * FILTERS * PIXELS)).block((long) FILTERS * PIXELS, FILTERS, PIXELS);
    check(w, false, x, false, 0f); // forward
    check(x, true, w, true, 0f); // forward, pixel-major
    check(x, false, d, true, 1f); // weight gradient, pixel-major
    check(d, false, x, true, 1f); // weight gradient
    check(w, true, d, false, 0f); // input gradient
  }

  /**
   * What {@link Patches#col2imFromInputRows} relies on: the input gradient's product from deltas
   * widened with zero columns (11x11 outputs on a 13-pixel-wide input) gives the narrow product's
   * bits in its columns and exactly {@code +0} in the added ones, whatever the weights' signs.
   */
  @Test
  void zeroColumnsOfTheDeltasGiveZerosAndLeaveTheOtherColumnsBits() {
    Gemm.Block w = operand(randomArray(FILTERS * PATCH)).block(0, FILTERS, PATCH);
    INDArray deltas = randomArray(FILTERS * PIXELS);
    float[] wide = widen(deltas.toFloatVector(), new float[FILTERS * ROWS * WIDTH]);
    INDArray narrowOut = Nd4j.create(DataType.FLOAT, PATCH * PIXELS);
    INDArray wideOut = Nd4j.create(DataType.FLOAT, PATCH * ROWS * WIDTH);
    Gemm.multiply(
        w,
        true,
        new Gemm.Operand(deltas).block(0, FILTERS, PIXELS),
        false,
        0f,
        new Gemm.Operand(narrowOut).block(0, PATCH, PIXELS));
    Gemm.multiply(
        w,
        true,
        new Gemm.Operand(Nd4j.create(wide, new long[] {wide.length}, 'c'))
            .block(0, FILTERS, ROWS * WIDTH),
        false,
        0f,
        new Gemm.Operand(wideOut).block(0, PATCH, ROWS * WIDTH));
    float[] got = wideOut.toFloatVector();
    float[] expected = narrowOut.toFloatVector();
    for (int p = 0; p < PATCH; p++) {
      for (int j = 0; j < ROWS * WIDTH; j++) {
        int row = j / WIDTH;
        int col = j % WIDTH;
        int bits =
            col < COLS ? Float.floatToRawIntBits(expected[p * PIXELS + row * COLS + col]) : 0;
        assertEquals(bits, Float.floatToRawIntBits(got[p * ROWS * WIDTH + j]), p + ", " + j);
      }
    }
  }

  /**
   * What {@link Patches#im2colOnInputRows} relies on: the pixel-major forward product of patches
   * with added columns (11x11 outputs laid out on a 13-pixel-wide input) gives the narrow product's
   * bits in the rows of the kept pixels, whatever the added columns hold.
   */
  @Test
  void addedPixelsLeaveTheOtherPixelsForwardBits() {
    Gemm.Block w = operand(randomArray(FILTERS * PATCH)).block(0, FILTERS, PATCH);
    INDArray patches = randomArray(PATCH * PIXELS);
    float[] wide =
        widen(patches.toFloatVector(), randomArray(PATCH * ROWS * WIDTH).toFloatVector());
    INDArray narrowOut = Nd4j.create(DataType.FLOAT, PIXELS * FILTERS);
    INDArray wideOut = Nd4j.create(DataType.FLOAT, ROWS * WIDTH * FILTERS);
    Gemm.multiply(
        new Gemm.Operand(patches).block(0, PATCH, PIXELS),
        true,
        w,
        true,
        0f,
        new Gemm.Operand(narrowOut).block(0, PIXELS, FILTERS));
    Gemm.multiply(
        new Gemm.Operand(Nd4j.create(wide, new long[] {wide.length}, 'c'))
            .block(0, PATCH, ROWS * WIDTH),
        true,
        w,
        true,
        0f,
        new Gemm.Operand(wideOut).block(0, ROWS * WIDTH, FILTERS));
    float[] got = wideOut.toFloatVector();
    float[] expected = narrowOut.toFloatVector();
    for (int pixel = 0; pixel < PIXELS; pixel++) {
      int at = (pixel / COLS * WIDTH + pixel % COLS) * FILTERS;
      for (int f = 0; f < FILTERS; f++) {
        assertEquals(
            Float.floatToRawIntBits(expected[pixel * FILTERS + f]),
            Float.floatToRawIntBits(got[at + f]),
            "pixel " + pixel + ", filter " + f);
      }
    }
  }

  /**
   * Copies {@code narrow}'s rows of {@link #COLS} values to the start of {@code wide}'s rows of
   * {@link #WIDTH}, leaving the rest of each wide row as it was.
   */
  private static float[] widen(float[] narrow, float[] wide) {
    for (int r = 0; r < narrow.length / COLS; r++) {
      System.arraycopy(narrow, r * COLS, wide, r * WIDTH, COLS);
    }
    return wide;
  }

  /** Writes {@code op(a) op(b) + beta c} both ways into a block at offset 7 of a fresh array. */
  private static void check(
      Gemm.Block a, boolean transA, Gemm.Block b, boolean transB, float beta) {
    int m = transA ? a.cols() : a.rows();
    int n = transB ? b.rows() : b.cols();
    INDArray initial = randomArray(7 + m * n);
    INDArray direct = initial.dup();
    INDArray nd4j = initial.dup();
    Gemm.multiply(a, transA, b, transB, beta, new Gemm.Operand(direct).block(7, m, n));
    Gemm.throughNd4j(a, transA, b, transB, beta, new Gemm.Operand(nd4j).block(7, m, n));
    float[] got = direct.toFloatVector();
    assertArrayEquals(nd4j.toFloatVector(), got);
    float[] before = initial.toFloatVector();
    assertArrayEquals(Arrays.copyOf(before, 7), Arrays.copyOf(got, 7), "values before the block");
    float[] expected =
        reference(a, transA, b, transB, beta, Arrays.copyOfRange(before, 7, before.length));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got[7 + i], 1e-3 * (1 + Math.abs(expected[i])), "element " + i);
    }
  }

  /** The product by its definition, in double. */
  private static float[] reference(
      Gemm.Block a, boolean transA, Gemm.Block b, boolean transB, float beta, float[] c) {
    float[] av = values(a);
    float[] bv = values(b);
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int n = transB ? b.rows() : b.cols();
    float[] out = new float[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = beta * c[i * n + j];
        for (int p = 0; p < k; p++) {
          double x = transA ? av[p * a.cols() + i] : av[i * a.cols() + p];
          double y = transB ? bv[j * b.cols() + p] : bv[p * b.cols() + j];
          sum += x * y;
        }
        out[i * n + j] = (float) sum;
      }
    }
    return out;
  }

  /** The block's values, read from its array in c order. */
  private static float[] values(Gemm.Block block) {
    return Arrays.copyOfRange(
        ARRAYS.get(block.operand()),
        Math.toIntExact(block.from()),
        Math.toIntExact(block.from() + (long) block.rows() * block.cols()));
  }

  private static Gemm.Operand operand(INDArray array) {
    Gemm.Operand operand = new Gemm.Operand(array);
    ARRAYS.put(operand, array.toFloatVector());
    return operand;
  }

  @Test
  void refusesBlocksThatDoNotFit() {
    Gemm.Operand small = new Gemm.Operand(randomArray(10));
    assertThrows(IllegalArgumentException.class, () -> small.block(4, 2, 4));
    Gemm.Block a = small.block(0, 2, 3);
    assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(a, false, a, false, 0f, a));
  }
}
