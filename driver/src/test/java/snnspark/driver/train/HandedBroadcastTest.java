package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import snnspark.datasets.SharedSparkContext;

/**
 * A local master's tasks read the driver's very object, not a copy, while the round is open, and
 * nothing stays behind once it is closed. Executors of their own JVMs get a Spark broadcast
 * instead; {@code ClusterIT} finds them training the same bits as a local run.
 */
class HandedBroadcastTest extends SharedSparkContext {
  /** What each task read, by partition: the driver compares the objects themselves. */
  private static final Map<Integer, Object> READ = new ConcurrentHashMap<>();

  @Test
  void localTasksReadTheDriversObjectAndNothingStaysOpen() {
    int[] value = {7};
    try (HandedBroadcast<int[]> handed = HandedBroadcast.of(value)) {
      List<Integer> partitions =
          sc().parallelize(List.of(0, 1, 2, 3), 4)
              .map(
                  p -> {
                    READ.put(p, handed.getValue());
                    return p;
                  })
              .collect();
      assertEquals(4, partitions.size());
    }
    for (int p = 0; p < 4; p++) {
      assertSame(value, READ.get(p), "partition " + p + " read a copy");
    }
    assertEquals(0, HandedBroadcast.open());
  }

  @Test
  void aTaskAfterTheRoundFailsPlainly() {
    HandedBroadcast<String> handed = HandedBroadcast.of("parameters");
    handed.close();

    SparkException failure =
        assertThrows(
            SparkException.class,
            () -> sc().parallelize(List.of(0), 1).map(p -> handed.getValue()).collect());
    assertTrue(failure.getMessage().contains("is not there"), failure.getMessage());
    assertEquals(0, HandedBroadcast.open());
  }
}
