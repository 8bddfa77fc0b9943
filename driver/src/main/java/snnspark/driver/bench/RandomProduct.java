package snnspark.driver.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.train.Gemm;

/**
 * A product of one {@link GemmShape} on random operands stored as the shape says (transposed where
 * it marks them), which {@link SgemmPeak} times: {@link #multiply} overwrites {@link #product}.
 */
final class RandomProduct {
  private final GemmShape shape;
  private final INDArray a;
  private final INDArray b;
  private final INDArray c;
  private final Gemm.Block aBlock;
  private final Gemm.Block bBlock;
  private final Gemm.Block cBlock;

  RandomProduct(GemmShape shape) {
    this.shape = shape;
    this.a = shape.transA() ? rand(shape.k(), shape.m()) : rand(shape.m(), shape.k());
    this.b = shape.transB() ? rand(shape.n(), shape.k()) : rand(shape.k(), shape.n());
    this.c = Nd4j.create(DataType.FLOAT, shape.m(), shape.n());
    this.aBlock = block(a);
    this.bBlock = block(b);
    this.cBlock = block(c);
  }

  /** {@code C = op(A) op(B)}, as training multiplies this shape. */
  void multiply() {
    Gemm.multiply(aBlock, shape.transA(), bBlock, shape.transB(), 0f, cBlock);
  }

  /** {@code op(A)}, the {@code m x k} left factor. */
  INDArray left() {
    return shape.transA() ? a.transpose() : a;
  }

  /** {@code op(B)}, the {@code k x n} right factor. */
  INDArray right() {
    return shape.transB() ? b.transpose() : b;
  }

  /** The {@code m x n} product, as the last {@link #multiply} left it. */
  INDArray product() {
    return c;
  }

  private static Gemm.Block block(INDArray matrix) {
    return new Gemm.Operand(matrix)
        .block(0, Math.toIntExact(matrix.size(0)), Math.toIntExact(matrix.size(1)));
  }

  private static INDArray rand(int rows, int cols) {
    return Nd4j.rand(DataType.FLOAT, rows, cols);
  }
}
