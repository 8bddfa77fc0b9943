package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The real MNIST files, fetched by the project's own fetcher when missing. */
class MnistFilesTest {
  private final DatasetLoader loader = new DatasetLoader();

  @Test
  void trainingSetHasMnistsKnownCountsAndHistogram() {
    Dataset train = loader.load(TestDatasets.mnist().toString(), Split.TRAIN, 28, 28, 10);

    assertEquals(60_000, train.count());
    assertArrayEquals(
        new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
        train.labelHistogram());
    assertEquals(0f, train.minPixel());
    assertEquals(1f, train.maxPixel());
  }

  @Test
  void testSetHasMnistsKnownCountsAndHistogram() {
    Dataset test = loader.load(TestDatasets.mnist().toString(), Split.TEST, 28, 28, 10);

    assertEquals(10_000, test.count());
    assertArrayEquals(
        new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.labelHistogram());
  }
}
