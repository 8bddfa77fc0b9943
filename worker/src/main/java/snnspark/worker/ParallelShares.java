package snnspark.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Work cut into shares, one thread each, for the driver's own cores between Spark jobs and for the
 * benchmarks: the one place this project starts threads of its own.
 */
public final class ParallelShares {
  private ParallelShares() {}

  /**
   * Runs {@code share.accept(t)} for every {@code t < threads}, each on its own thread, and returns
   * when all have; a share's failure is rethrown (as an unchecked exception) once all have ended.
   */
  public static void run(int threads, IntConsumer share) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> shares = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int index = t;
        shares.add(pool.submit(() -> runReleasing(share, index)));
      }
      for (Future<?> running : shares) {
        running.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("a share failed", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /**
   * One share, then its thread's ND4J workspaces freed: the thread ends with its pool, and its
   * workspaces' native memory would otherwise wait for a garbage collection (the driver's rate
   * evaluation after every epoch left 170 MB so, which malloc then kept).
   */
  private static void runReleasing(IntConsumer share, int index) {
    try {
      share.accept(index);
    } finally {
      Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }
  }
}
