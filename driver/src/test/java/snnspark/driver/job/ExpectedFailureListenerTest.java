package snnspark.driver.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;

/**
 * A task that fails on bad input ends its job at once, although Spark may retry (here {@code
 * local[2,4]}: up to 4 attempts of a task): a bad file stays bad on every attempt.
 */
class ExpectedFailureListenerTest {
  private static final int MAX_FAILURES = 4;

  @Test
  void badInputIsNotRetriedAndItsMessageIsKept() throws Exception {
    SparkSettings settings = new SparkSettings("local[2," + MAX_FAILURES + "]", 2, null);
    try (JavaSparkContext sc = settings.start("expected-failure-test")) {
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
                              throw new DatasetException("images.idx", "truncated at image 2");
                            }
                            return i;
                          })
                      .collect());
      sc.sc().listenerBus().waitUntilEmpty();
      assertTrue(
          failedAttempts.get() < MAX_FAILURES,
          failedAttempts.get() + " failed attempts: the bad task was retried to the limit");
      assertEquals(
          "images.idx: truncated at image 2",
          SparkSettings.expectedTaskFailure().orElseThrow(() -> failed).getMessage());
    }
  }
}
