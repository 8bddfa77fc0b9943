package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HoldoutTest {
  @Test
  void aSeededShareOfTheImagesIsHeldOutTheSameEveryTime() {
    Holdout holdout = new Holdout(0.1, 42);
    int held = 0;
    for (long i = 0; i < 100_000; i++) {
      held += holdout.holdsOut(i) ? 1 : 0;
      assertEquals(holdout.holdsOut(i), new Holdout(0.1, 42).holdsOut(i));
    }
    assertTrue(Math.abs(held - 10_000) < 400, held + " of 100000 held out");
    int differ = 0;
    for (long i = 0; i < 1000; i++) {
      differ += holdout.holdsOut(i) != new Holdout(0.1, 43).holdsOut(i) ? 1 : 0;
    }
    assertTrue(differ > 100, "another seed holds out other images: " + differ);
  }

  @Test
  void thePartsOfADatasetSplitItsImagesInOrder() {
    byte[] pixels = new byte[50 * 4];
    byte[] labels = new byte[50];
    for (int i = 0; i < 50; i++) {
      labels[i] = (byte) (i % 3);
      for (int p = 0; p < 4; p++) {
        pixels[i * 4 + p] = (byte) i;
      }
    }
    Dataset data = new Dataset("d", 50, 2, 2, 3, pixels, labels);
    Holdout holdout = new Holdout(0.3, 1);
    Dataset held = holdout.part(data, true);
    Dataset kept = holdout.part(data, false);
    assertEquals(50, held.count() + kept.count());
    int h = 0;
    int k = 0;
    for (int i = 0; i < 50; i++) {
      Dataset part = holdout.holdsOut(i) ? held : kept;
      int j = holdout.holdsOut(i) ? h++ : k++;
      assertEquals(data.label(i), part.label(j));
      assertArrayEquals(data.imagesAsFloats(i, i + 1), part.imagesAsFloats(j, j + 1));
    }
  }

  @Test
  void aFractionOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Holdout(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Holdout(1, 1));
  }
}
