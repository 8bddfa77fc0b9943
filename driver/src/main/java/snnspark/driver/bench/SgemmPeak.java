package snnspark.driver.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.ParallelShares;
import snnspark.worker.Stopwatch;

/**
 * The machine's measured float GEMM speed under the parallelism training uses: {@code threads} Java
 * threads (one per Spark task) each multiplying 1024x1024 matrices at the same time, with ND4J's
 * native threads as the process has them. The yardstick of {@code snn bench training}.
 */
public final class SgemmPeak {
  private static final int SIZE = 1024;
  private static final int WARM_UP = 2;
  private static final int REPEATS = 10;

  private SgemmPeak() {}

  /** Aggregate GFLOP/s of {@code threads} concurrent 1024x1024 float GEMMs. */
  public static double measure(int threads) {
    double[] gflops = new double[threads];
    ParallelShares.run(threads, t -> gflops[t] = oneThread());
    double total = 0;
    for (double each : gflops) {
      total += each;
    }
    return total;
  }

  private static double oneThread() {
    INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
    INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
    INDArray c = Nd4j.create(DataType.FLOAT, SIZE, SIZE);
    for (int i = 0; i < WARM_UP; i++) {
      Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
    Stopwatch start = Stopwatch.start();
    for (int i = 0; i < REPEATS; i++) {
      Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
    double seconds = start.seconds();
    return 2.0 * SIZE * SIZE * SIZE * REPEATS / seconds / 1e9;
  }
}
