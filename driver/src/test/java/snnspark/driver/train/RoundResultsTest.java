package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import snnspark.datasets.SharedSparkContext;

/**
 * In local mode a round's results reach the driver as the very objects the tasks made, in partition
 * order, and nothing stays behind, not even after a failed job. The other way, results shipped from
 * executors of their own JVMs, is {@code ClusterIT}'s: a standalone cluster trains the same bits as
 * a local run.
 */
class RoundResultsTest extends SharedSparkContext {
  /** The objects each task made, by value: the driver must receive these, not copies. */
  private static final Map<Integer, int[]> MADE = new ConcurrentHashMap<>();

  private JavaRDD<int[]> arrays(int partitions) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < 3 * partitions; i++) {
      values.add(i);
    }
    return sc().parallelize(values, partitions)
        .map(
            i -> {
              int[] made = {i};
              MADE.put(i, made);
              return made;
            });
  }

  @Test
  void localTasksHandTheirObjectsOverInPartitionOrder() {
    List<int[]> collected = RoundResults.collect(arrays(5));

    assertEquals(15, collected.size());
    for (int i = 0; i < collected.size(); i++) {
      assertEquals(i, collected.get(i)[0]);
      assertSame(MADE.get(i), collected.get(i), "element " + i + " was copied");
    }
    assertEquals(0, RoundResults.waiting());
  }

  @Test
  void aJobThatFailsAfterOthersHandedTheirListsOverFailsAndLeavesNothing() {
    JavaRDD<Integer> failing =
        sc().parallelize(List.of(0, 1, 2, 3), 4)
            .map(
                i -> {
                  if (i == 0) {
                    Thread.sleep(500); // partitions 1-3 hand their lists over first
                    throw new IllegalStateException("task 0 fails");
                  }
                  return i;
                });

    SparkException failure =
        assertThrows(SparkException.class, () -> RoundResults.collect(failing));
    assertTrue(failure.getMessage().contains("task 0 fails"), failure.getMessage());
    assertEquals(0, RoundResults.waiting());
  }
}
