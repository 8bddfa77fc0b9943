package snnspark.driver.bench;

/**
 * One float GEMM, {@code C[m x n] = op(A) op(B)} with {@code op(A)} of {@code m x k}: where it
 * occurs, its sizes, and whether each operand is stored transposed.
 *
 * @param name where training multiplies this shape
 * @param m rows of the product
 * @param n columns of the product
 * @param k the shared dimension
 * @param transA whether A is stored as {@code k x m}
 * @param transB whether B is stored as {@code n x k}
 */
public record GemmShape(String name, int m, int n, int k, boolean transA, boolean transB) {
  /** Floating-point operations of one product. */
  public double flops() {
    return 2.0 * m * n * k;
  }

  /** The shape as {@code m x k x n} with the transposed operands marked. */
  public String sizes() {
    return m + "x" + k + (transA ? "(A^T)" : "") + " x " + n + (transB ? "(B^T)" : "");
  }
}
