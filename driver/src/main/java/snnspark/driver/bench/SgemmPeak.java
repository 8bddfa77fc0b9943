package snnspark.driver.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.ParallelShares;
import snnspark.worker.Stopwatch;

/**
 * The machine's measured float GEMM speed under the parallelism training uses: {@code threads} Java
 * threads (one per Spark task) each multiplying matrices of one shape at the same time, with ND4J's
 * native threads as the process has them. 1024x1024 is the yardstick of {@code snn bench training};
 * {@link TrainingGemms} lists the shapes training itself multiplies.
 */
public final class SgemmPeak {
  /** The yardstick: 1024x1024 times 1024x1024. */
  public static final GemmShape SQUARE = new GemmShape("1024x1024", 1024, 1024, 1024, false, false);

  private static final int WARM_UP = 2;

  /** How long each thread multiplies, at least, in batches that double until then. */
  private static final double MIN_SECONDS = 0.2;

  private SgemmPeak() {}

  /** Aggregate GFLOP/s of {@code threads} concurrent 1024x1024 float GEMMs. */
  public static double measure(int threads) {
    return measure(threads, SQUARE);
  }

  /** Aggregate GFLOP/s of {@code threads} concurrent float GEMMs of {@code shape}. */
  public static double measure(int threads, GemmShape shape) {
    double[] gflops = new double[threads];
    ParallelShares.run(threads, t -> gflops[t] = oneThread(shape));
    double total = 0;
    for (double each : gflops) {
      total += each;
    }
    return total;
  }

  private static double oneThread(GemmShape s) {
    INDArray a = s.transA() ? rand(s.k(), s.m()) : rand(s.m(), s.k());
    INDArray b = s.transB() ? rand(s.n(), s.k()) : rand(s.k(), s.n());
    INDArray c = Nd4j.create(DataType.FLOAT, s.m(), s.n());
    for (int i = 0; i < WARM_UP; i++) {
      Nd4j.gemm(a, b, c, s.transA(), s.transB(), 1.0, 0.0);
    }
    Stopwatch start = Stopwatch.start();
    long done = 0;
    for (long batch = 1; start.seconds() < MIN_SECONDS; batch *= 2) {
      for (long i = 0; i < batch; i++) {
        Nd4j.gemm(a, b, c, s.transA(), s.transB(), 1.0, 0.0);
      }
      done += batch;
    }
    return s.flops() * done / start.seconds() / 1e9;
  }

  private static INDArray rand(int rows, int cols) {
    return Nd4j.rand(DataType.FLOAT, rows, cols);
  }
}
