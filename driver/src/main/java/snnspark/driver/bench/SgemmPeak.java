package snnspark.driver.bench;

import snnspark.worker.ParallelShares;
import snnspark.worker.Stopwatch;
import snnspark.worker.train.Gemm;

/**
 * The machine's measured float GEMM speed under the parallelism training uses: {@code threads} Java
 * threads (one per Spark task) each multiplying matrices of one shape at the same time, with ND4J's
 * native threads as the process has them, through {@link Gemm} as the fused layers call it (so a
 * small per-image product is timed without {@code Nd4j.gemm}'s cost per call, which training no
 * longer pays; DL4J's dense layers still pay it once per minibatch product). 1024x1024 is the
 * yardstick of {@code snn bench training}; {@link TrainingGemms} lists the shapes training itself
 * multiplies.
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
    RandomProduct product = new RandomProduct(s);
    for (int i = 0; i < WARM_UP; i++) {
      product.multiply();
    }
    Stopwatch start = Stopwatch.start();
    long done = 0;
    for (long batch = 1; start.seconds() < MIN_SECONDS; batch *= 2) {
      for (long i = 0; i < batch; i++) {
        product.multiply();
      }
      done += batch;
    }
    return s.flops() * done / start.seconds() / 1e9;
  }
}
