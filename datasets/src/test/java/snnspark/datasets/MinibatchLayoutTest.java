package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MinibatchLayoutTest {
  @Test
  void everyImageGoesToThePartitionThatHoldsItsMinibatch() {
    int[][] cases = {{25, 10, 2}, {200, 7, 3}, {5, 10, 4}, {60000, 100, 2}, {1, 1, 1}, {99, 1, 8}};
    for (int[] c : cases) {
      MinibatchLayout layout = new MinibatchLayout(c[0], c[1], c[2]);
      int image = 0;
      for (int p = 0; p < c[2]; p++) {
        for (long b = layout.firstBatch(p); b < layout.endBatch(p); b++) {
          for (long i = layout.firstImage(b); i < layout.endImage(b); i++, image++) {
            assertEquals(i, image);
            assertEquals(p, layout.getPartition(i), "image " + i + " of case " + c[0]);
          }
        }
      }
      assertEquals(c[0], image, "every image laid out once");
    }
  }

  @Test
  void partitionsHoldTheirShareOfMinibatchesAsParallelizeCutsThem() {
    MinibatchLayout layout = new MinibatchLayout(25, 10, 2);
    // 3 minibatches on 2 partitions: [0, 1) and [1, 3), as parallelize cuts a list of 3.
    assertEquals(0, layout.firstBatch(0));
    assertEquals(1, layout.endBatch(0));
    assertEquals(3, layout.endBatch(1));
    assertEquals(25, layout.endImage(2));
  }
}
