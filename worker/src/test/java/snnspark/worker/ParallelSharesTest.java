package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelSharesTest {
  @Test
  void everyShareRunsOnItsOwnThread() {
    int[] done = new int[3];
    ConcurrentHashMap<String, Boolean> threads = new ConcurrentHashMap<>();
    CountDownLatch allStarted = new CountDownLatch(3);
    ParallelShares.run(
        3,
        t -> {
          threads.put(Thread.currentThread().getName(), true);
          allStarted.countDown();
          try {
            // only threads running at once get here: each waits for the other two
            assertEquals(true, allStarted.await(10, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          done[t] = t + 1;
        });
    assertArrayEquals(new int[] {1, 2, 3}, done);
    assertEquals(3, threads.size());
  }

  @Test
  void aFailingShareFailsTheRunWithItsOwnException() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ParallelShares.run(
                    2,
                    t -> {
                      if (t == 1) {
                        throw new IllegalArgumentException("share 1 failed");
                      }
                    }));
    assertEquals("share 1 failed", thrown.getMessage());
  }
}
