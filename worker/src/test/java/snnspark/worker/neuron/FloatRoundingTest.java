package snnspark.worker.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatRoundingTest {
  private static final long ONE = Double.doubleToRawLongBits(1.0);

  /** The same bits as the cast, +0.0 and NaN included. */
  private static void assertRoundsAsTheCast(double x) {
    assertEquals(
        Double.doubleToRawLongBits((float) x),
        Double.doubleToRawLongBits(FloatRounding.of(x)),
        () -> Double.toHexString(x));
  }

  /**
   * Doubles drawn uniformly over their bit patterns in [0, 1], so every binade weighs the same:
   * seven in eight fall below float's normal range (2^-126), where the two roundings meet, and
   * about 240,000 in its 126 binades above.
   */
  @Test
  void roundsAsTheCastOverEveryBinadeOfZeroToOne() {
    SplittableRandom random = new SplittableRandom(17);
    for (int k = 0; k < 2_000_000; k++) {
      assertRoundsAsTheCast(Double.longBitsToDouble(random.nextLong(ONE + 1)));
    }
  }

  /**
   * Halfway between two floats, and one double either side, in every binade of floats from 1 down
   * into their subnormals: where ties go to even and the two roundings meet.
   */
  @Test
  void roundsTiesAndNearTiesAsTheCast() {
    SplittableRandom random = new SplittableRandom(23);
    for (int exponent = -160; exponent <= 0; exponent++) {
      for (int k = 0; k < 2_000; k++) {
        float low = Math.scalb((float) random.nextDouble(1, 2), exponent);
        double tie = ((double) low + Math.nextUp(low)) / 2;
        assertRoundsAsTheCast(tie);
        assertRoundsAsTheCast(Math.nextUp(tie));
        assertRoundsAsTheCast(Math.nextDown(tie));
        assertRoundsAsTheCast(low);
      }
    }
  }

  @Test
  void roundsTheEndsAndTheEdgesAsTheCast() {
    double[] edges = {
      0.0,
      1.0,
      Math.nextDown(1.0),
      Double.NaN,
      Double.MIN_VALUE,
      Float.MIN_VALUE,
      Float.MIN_VALUE / 2,
      Math.nextUp(Float.MIN_VALUE / 2),
      Float.MIN_NORMAL,
      Math.nextDown((double) Float.MIN_NORMAL),
      Math.nextUp((double) Float.MIN_NORMAL),
      2.0 * Float.MIN_NORMAL,
      Math.nextDown(2.0 * Float.MIN_NORMAL),
      0x1p-97,
      Math.nextDown(0x1p-97)
    };
    for (double x : edges) {
      assertRoundsAsTheCast(x);
    }
  }
}
