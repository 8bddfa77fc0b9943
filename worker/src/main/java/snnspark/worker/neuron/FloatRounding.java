package snnspark.worker.neuron;

/**
 * {@code (double) (float) x} in arithmetic that JDK 17's JIT vectorizes, which it does not for the
 * casts: how {@link LifNeurons} rounds the voltages it keeps as floats in a double array.
 *
 * <p>Veltkamp's split, {@code g - (g - x)} with {@code g = (2^29 + 1) x}, rounds a double to 24
 * bits, ties to even, the precision of floats from their smallest normal number {@code 2^-126} up.
 * Below it floats are multiples of {@code 2^-149}, and the split would keep bits they lack; there
 * {@code (x + 2^-97) - 2^-97} rounds to that step. The result is the first rounding, or below
 * {@code 2^-126} the second, chosen by a factor {@code m} computed without a branch: 1 below {@code
 * 2^-126}, 0 from {@code 2^-125}, either in between, where floats have that step too and both
 * roundings agree.
 */
final class FloatRounding {
  /** Veltkamp's splitter for 24 of a double's 53 bits. */
  private static final double SPLITTER = 0x1p29 + 1;

  /** {@code (x + 2^-97) - 2^-97}: x in {@code [0, 2^-97)} to a multiple of {@code 2^-149}. */
  private static final double SUBNORMAL_STEP_ROUNDER = 0x1p-97;

  /** {@code (z + 2^52) - 2^52}: z with {@code |z| < 2^51} to an integer, ties to even. */
  private static final double INTEGER_ROUNDER = 0x1p52;

  private FloatRounding() {}

  /** {@code (double) (float) x} for {@code 0 <= x <= 1}, and NaN for NaN. */
  static double of(double x) {
    double g = SPLITTER * x;
    double normal = g - (g - x);
    double subnormal = (x + SUBNORMAL_STEP_ROUNDER) - SUBNORMAL_STEP_ROUNDER;
    // 1.25 - x 2^125 lies in (0.75, 1.25] below 2^-126, at most 0.25 from 2^-125 on
    double m = Math.max(((1.25 - x * 0x1p125) + INTEGER_ROUNDER) - INTEGER_ROUNDER, 0.0);
    return normal + (subnormal - normal) * m;
  }
}
