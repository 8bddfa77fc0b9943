package snnspark.driver.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;

/**
 * A task that fails on bad input ends its job at once, although Spark may retry (here {@code
 * local[2,4]}: up to 4 attempts of a task): a bad file stays bad on every attempt.
 *
 * <p>The listener hears of a failure through Spark's asynchronous event bus while the scheduler
 * already relaunches the task, so a task that fails within microseconds can be retried before the
 * cancellation lands (CI saw all 4 attempts fail that way). A real bad-input task first reads its
 * file; the retries here take {@link #RETRY_WORK_MS} before failing, as reading would, so what is
 * tested is that the cancellation ends them, not which of two threads wins a race.
 */
class ExpectedFailureListenerTest {
  private static final int MAX_FAILURES = 4;
  private static final long RETRY_WORK_MS = 5_000;

  @Test
  void badInputIsNotRetriedAndItsMessageIsKept() throws Exception {
    SparkSettings settings = new SparkSettings("local[2," + MAX_FAILURES + "]", 2, null);
    try (JavaSparkContext sc = settings.start("expected-failure-test")) {
      long start = System.nanoTime();
      AtomicInteger failedAttempts = new AtomicInteger();
      sc.sc()
          .addSparkListener(
              new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                  if (!end.taskInfo().successful()) {
                    failedAttempts.incrementAndGet();
                  }
                }
              });
      Exception failed =
          assertThrows(
              Exception.class,
              () ->
                  sc.parallelize(List.of(1, 2), 2)
                      .map(
                          i -> {
                            if (i == 2) {
                              if (TaskContext.get().attemptNumber() > 0) {
                                Thread.sleep(RETRY_WORK_MS);
                              }
                              throw new DatasetException("images.idx", "truncated at image 2");
                            }
                            return i;
                          })
                      .collect());
      sc.sc().listenerBus().waitUntilEmpty();
      assertTrue(
          failedAttempts.get() < MAX_FAILURES,
          failedAttempts.get() + " failed attempts: the bad task was retried to the limit");
      assertTrue(
          System.nanoTime() - start < (MAX_FAILURES - 1) * RETRY_WORK_MS * 1_000_000,
          "the job waited for its retries instead of ending at the first failure");
      assertEquals(
          "images.idx: truncated at image 2",
          SparkSettings.expectedTaskFailure().orElseThrow(() -> failed).getMessage());
    }
  }
}
