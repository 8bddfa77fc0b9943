package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A draw computed on its own is the one {@link SplittableRandom} gives in order, so the initial
 * voltages stay those of every model and report before draws were computed one by one.
 */
class SeedsTest {
  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, 42, Long.MIN_VALUE, 0x5DEECE66DL})
  void eachDrawIsSplittableRandomsInOrder(long seed) {
    long imageSeed = Seeds.forImage(seed, 2, 77);
    SplittableRandom random = new SplittableRandom(imageSeed);
    for (int k = 0; k < 50_000; k++) {
      assertEquals(random.nextDouble(), Seeds.uniformDraw(imageSeed, k), "draw " + k);
    }
  }
}
