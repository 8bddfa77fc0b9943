package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Random shifts move whole images by up to the set pixels, reproducibly, filling with 0. */
class ShiftAugmentationTest {
  private static final int IMAGES = 400;
  private static final int SIDE = 28;

  /** Images each with one lit pixel at (10 + i % 7, 12 + i % 5), away from every border. */
  private static DataSet dots() {
    INDArray x = Nd4j.zeros(DataType.FLOAT, IMAGES, 1, SIDE, SIDE);
    for (int i = 0; i < IMAGES; i++) {
      x.putScalar(new long[] {i, 0, 10 + i % 7, 12 + i % 5}, 1f);
    }
    return new DataSet(x, Nd4j.eye(IMAGES).castTo(DataType.FLOAT));
  }

  /** Where image {@code i}'s lit pixel went, as {dy, dx}. */
  private static int[] displacement(DataSet shifted, int i) {
    INDArray image =
        shifted
            .getFeatures()
            .get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0));
    assertEquals(1.0, image.sumNumber().doubleValue(), 0, "one lit pixel in image " + i);
    long at = image.reshape(SIDE * SIDE).argMax().getLong(0);
    return new int[] {(int) (at / SIDE) - (10 + i % 7), (int) (at % SIDE) - (12 + i % 5)};
  }

  @Test
  void movesEachImageByAtMostTheShiftCoveringEveryOffset() {
    DataSet batch = dots();
    DataSet shifted = new ShiftAugmentation(2, 9).shift(batch, 1, 0, 0);
    Set<String> offsets = new HashSet<>();
    for (int i = 0; i < IMAGES; i++) {
      int[] d = displacement(shifted, i);
      assertTrue(Math.abs(d[0]) <= 2 && Math.abs(d[1]) <= 2, "image " + i + " moved too far");
      offsets.add(d[0] + "," + d[1]);
    }
    assertEquals(25, offsets.size(), "all 5 x 5 offsets drawn over 400 images: " + offsets);
    assertSame(batch.getLabels(), shifted.getLabels());
  }

  @Test
  void fillsWithZeroWhatMovesIn() {
    INDArray full = Nd4j.ones(DataType.FLOAT, 1, 1, SIDE, SIDE);
    DataSet one = new DataSet(full, Nd4j.ones(DataType.FLOAT, 1, 1));
    for (int index = 0; index < 20; index++) {
      INDArray out = new ShiftAugmentation(2, 4).shift(one, 1, 0, index).getFeatures();
      int[] d = displacement(new ShiftAugmentation(2, 4).shift(oneDot(), 1, 0, index), 0);
      double expected = (SIDE - Math.abs(d[0])) * (SIDE - Math.abs(d[1]));
      assertEquals(expected, out.sumNumber().doubleValue(), 0, "shift " + d[0] + "," + d[1]);
    }
  }

  private static DataSet oneDot() {
    INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, SIDE, SIDE);
    x.putScalar(new long[] {0, 0, 10, 12}, 1f);
    return new DataSet(x, Nd4j.ones(DataType.FLOAT, 1, 1));
  }

  @Test
  void sameCoordinatesSameShiftsOtherEpochOtherShifts() {
    DataSet batch = dots();
    ShiftAugmentation shifts = new ShiftAugmentation(2, 9);
    assertEquals(
        shifts.shift(batch, 3, 1, 5).getFeatures(), shifts.shift(batch, 3, 1, 5).getFeatures());
    assertNotEquals(
        shifts.shift(batch, 3, 1, 5).getFeatures(), shifts.shift(batch, 4, 1, 5).getFeatures());
    assertNotEquals(
        shifts.shift(batch, 3, 1, 5).getFeatures(), shifts.shift(batch, 3, 0, 5).getFeatures());
    assertNotEquals(
        shifts.shift(batch, 3, 1, 5).getFeatures(),
        new ShiftAugmentation(2, 10).shift(batch, 3, 1, 5).getFeatures());
  }

  @Test
  void rejectsANegativeShift() {
    assertThrows(IllegalArgumentException.class, () -> new ShiftAugmentation(-1, 0));
  }
}
