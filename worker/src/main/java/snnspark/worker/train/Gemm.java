package snnspark.worker.train;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float32 matrix products {@code C = op(A) op(B) + beta C} on blocks of dense ND4J arrays, for the
 * fused layers' many small per-image products.
 *
 * <p>On ND4J's CPU backend a product goes straight to {@code cblas_sgemm} of the OpenBLAS that
 * {@code Nd4j.gemm} reaches through libnd4j's matmul op, and gives its bits ({@code GemmTest}; the
 * trainings' parameters are unchanged). What it skips is that op's cost per call: a view of each
 * operand with its shape buffers, an op context, zeroing the output before OpenBLAS overwrites it.
 * For {@link FusedConvolution}'s products, three per image and layer (two in the first), that was
 * 13% of the training step's samples on the tutorial's network (async-profiler,
 * docs/performance.md). Other backends (CUDA) keep {@code Nd4j.gemm} on views. {@code snn bench
 * gemm} measures the training's shapes through it.
 */
public final class Gemm {
  private static final int ROW_MAJOR = 101;
  private static final int NO_TRANSPOSE = 111;
  private static final int TRANSPOSE = 112;

  /** Whether products go straight to OpenBLAS; fixed for the JVM, as ND4J's backend is. */
  private static final boolean DIRECT = Nd4j.getEnvironment().isCPU();

  private Gemm() {}

  /**
   * A dense float32 array in c order seen as a row-major matrix buffer: {@link #block} cuts the
   * matrices a product reads or writes from it.
   */
  public static final class Operand {
    private final INDArray array;
    private final FloatPointer start;

    public Operand(INDArray array) {
      Patches.floats(array); // dense float32 in c order, or an IllegalArgumentException
      this.array = array;
      this.start = DIRECT ? new FloatPointer(wholeBuffer(array)) : null;
    }

    /**
     * The array's buffer from its first value, as {@code Patches} indexes it. A view's buffer comes
     * positioned at the view's offset, and JavaCPP's pointer from a positioned buffer is off.
     */
    private static FloatBuffer wholeBuffer(INDArray array) {
      FloatBuffer values = array.data().asNioFloat().duplicate();
      values.clear();
      return values;
    }

    /** Image {@code i}'s {@code rows x cols} matrix, the array holding one per image in turn. */
    public Block image(int i, int rows, int cols) {
      return block((long) i * rows * cols, rows, cols);
    }

    /** The {@code rows x cols} row-major matrix from element {@code from} (in c order) on. */
    public Block block(long from, int rows, int cols) {
      if (from < 0 || from + (long) rows * cols > array.length()) {
        throw new IllegalArgumentException(
            rows + "x" + cols + " block from " + from + " exceeds " + array.length() + " values");
      }
      return new Block(this, from, rows, cols);
    }
  }

  /** A row-major {@code rows x cols} matrix in an {@link Operand}, from element {@code from} on. */
  public record Block(Operand operand, long from, int rows, int cols) {
    private FloatPointer pointer() {
      FloatPointer p = new FloatPointer(operand.start);
      return p.position(operand.array.offset() + from);
    }

    private INDArray view() {
      INDArray a = operand.array;
      return Nd4j.create(
          a.data(), new long[] {rows, cols}, new long[] {cols, 1}, a.offset() + from, 'c');
    }
  }

  /** {@code c = op(a) op(b) + beta c}, where {@code op} transposes when its flag says so. */
  public static void multiply(
      Block a, boolean transA, Block b, boolean transB, float beta, Block c) {
    int m = c.rows();
    int n = c.cols();
    int k = transA ? a.rows() : a.cols();
    if ((transA ? a.cols() : a.rows()) != m
        || (transB ? b.rows() : b.cols()) != n
        || (transB ? b.cols() : b.rows()) != k) {
      throw new IllegalArgumentException(
          "cannot multiply "
              + a.rows()
              + "x"
              + a.cols()
              + (transA ? "^T" : "")
              + " by "
              + b.rows()
              + "x"
              + b.cols()
              + (transB ? "^T" : "")
              + " into "
              + m
              + "x"
              + n);
    }
    if (DIRECT) {
      openblas_nolapack.cblas_sgemm(
          ROW_MAJOR,
          transA ? TRANSPOSE : NO_TRANSPOSE,
          transB ? TRANSPOSE : NO_TRANSPOSE,
          m,
          n,
          k,
          1f,
          a.pointer(),
          a.cols(),
          b.pointer(),
          b.cols(),
          beta,
          c.pointer(),
          c.cols());
    } else {
      throughNd4j(a, transA, b, transB, beta, c);
    }
  }

  /** The same product through {@code Nd4j.gemm} on views: other backends, and the tests' check. */
  static void throughNd4j(Block a, boolean transA, Block b, boolean transB, float beta, Block c) {
    Nd4j.gemm(a.view(), b.view(), c.view(), transA, transB, 1.0, beta);
  }
}
