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

/**
 * Random shifts move whole images by up to the set pixels, reproducibly, filling with 0; mirroring
 * reverses the rows of about half the images.
 */
class ImageAugmentationTest {
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
    DataSet shifted = new ImageAugmentation(2, false, 9).apply(batch, 1, 0, 0);
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
      INDArray out = new ImageAugmentation(2, false, 4).apply(one, 1, 0, index).getFeatures();
      int[] d = displacement(new ImageAugmentation(2, false, 4).apply(oneDot(), 1, 0, index), 0);
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
    ImageAugmentation shifts = new ImageAugmentation(2, false, 9);
    assertEquals(
        shifts.apply(batch, 3, 1, 5).getFeatures(), shifts.apply(batch, 3, 1, 5).getFeatures());
    assertNotEquals(
        shifts.apply(batch, 3, 1, 5).getFeatures(), shifts.apply(batch, 4, 1, 5).getFeatures());
    assertNotEquals(
        shifts.apply(batch, 3, 1, 5).getFeatures(), shifts.apply(batch, 3, 0, 5).getFeatures());
    assertNotEquals(
        shifts.apply(batch, 3, 1, 5).getFeatures(),
        new ImageAugmentation(2, false, 10).apply(batch, 3, 1, 5).getFeatures());
  }

  @Test
  void rejectsANegativeShift() {
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(-1, false, 0));
  }

  @Test
  void mirrorsAboutHalfTheShiftedImagesLeftToRight() {
    INDArray x = Nd4j.zeros(DataType.FLOAT, IMAGES, 1, SIDE, SIDE);
    for (int i = 0; i < IMAGES; i++) {
      x.putScalar(new long[] {i, 0, 10, 3 + i % 3}, 1f); // near the left border: sides tell apart
    }
    DataSet both =
        new ImageAugmentation(2, true, 9).apply(new DataSet(x, Nd4j.ones(IMAGES, 1)), 1, 0, 0);
    int mirrored = 0;
    for (int i = 0; i < IMAGES; i++) {
      INDArray image = both.getFeatures().slice(i).slice(0);
      assertEquals(1.0, image.sumNumber().doubleValue(), 0, "one lit pixel in image " + i);
      long at = image.reshape(SIDE * SIDE).argMax().getLong(0);
      int col = (int) (at % SIDE);
      boolean flipped = col >= SIDE / 2;
      int unmirrored = flipped ? SIDE - 1 - col : col;
      assertTrue(Math.abs(at / SIDE - 10) <= 2, "image " + i + " moved too far down or up");
      assertTrue(Math.abs(unmirrored - (3 + i % 3)) <= 2, "image " + i + " moved too far across");
      mirrored += flipped ? 1 : 0;
    }
    assertTrue(mirrored > 160 && mirrored < 240, mirrored + " of 400 mirrored");
  }

  @Test
  void mirroringAloneReversesEveryRowOfEveryChannel() {
    INDArray x = Nd4j.linspace(DataType.FLOAT, 0, 2 * 3 * 4, 1).reshape(1, 2, 3, 4);
    DataSet one = new DataSet(x, Nd4j.ones(DataType.FLOAT, 1, 1));
    ImageAugmentation mirror = new ImageAugmentation(0, true, 3);
    boolean seenMirrored = false;
    for (int index = 0; index < 20; index++) {
      INDArray out = mirror.apply(one, 1, 0, index).getFeatures();
      if (!out.equals(x)) {
        assertEquals(mirrored(x), out, "minibatch " + index);
        seenMirrored = true;
      }
    }
    assertTrue(seenMirrored, "one image in 20 minibatches never mirrored");
  }

  /** {@code x} with its last axis reversed, element by element. */
  private static INDArray mirrored(INDArray x) {
    INDArray flat = x.dup('c').reshape(-1, x.size(-1));
    INDArray out = flat.dup();
    long cols = flat.size(1);
    for (long r = 0; r < flat.size(0); r++) {
      for (long c = 0; c < cols; c++) {
        out.putScalar(r, c, flat.getFloat(r, cols - 1 - c));
      }
    }
    return out.reshape(x.shape());
  }
}
