package snnspark.worker.neuron;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SoftLIF's output and derivative from piecewise polynomials, with the bits of {@link
 * SoftLifRate}'s exact formulas: each interval carries a bound on how far its polynomial's value
 * may lie from the double those formulas compute, and a value is answered only when no double
 * within that bound lies across a float rounding boundary from it (rounding is monotonic, so the
 * formulas' double, inside the bound, rounds to the same float). Elsewhere it answers {@link
 * #UNCERTAIN} and the caller computes the formulas (their exp, two logs and three divisions), which
 * happens for about half the values in {@code -20 < js <= -15}, 3 in 1,000 in {@code (-15, 0]} and
 * fewer above (the tutorial's neurons).
 *
 * <p>The polynomials cover the smooth region and above it, {@code -20 < js < 8171} ({@code js} as
 * in docs/model.md, "Neurons"), in the variable {@code v = js + 21}: each binade of {@code v} is
 * cut into {@value #PER_BINADE} intervals, so an interval's index is the top bits of {@code v}'s
 * double (exponent and mantissa) and its width grows with {@code v}, as the formulas' scale does
 * ({@code q = log(1 + 1/z)} with {@code z = sigma * js} above the smooth region).
 *
 * <p>The bound adds the polynomial's error, measured on points of each interval when the table is
 * built, to an analytic bound on the formulas' own rounding errors: near {@code js = -20} those
 * reach float's resolution ({@code log(1 + e)} of a tiny {@code e} keeps few of {@code e}'s bits),
 * so there the formulas decide most values.
 */
final class SoftLifTable {
  /**
   * What {@link #outputAndDerivative} answers where the formulas must decide; no answer packs to it
   * (its output's sign bit would be set).
   */
  static final long UNCERTAIN = -1L;

  /** The table starts where the smooth region does, {@code SoftLifRate}'s asymptote ending. */
  private static final double LOWEST = SoftLifRate.VALID_ABOVE;

  /** {@code v = js + SHIFT} is 1 at the table's start. */
  private static final double SHIFT = 1 - LOWEST;

  /** Binades of {@code v} covered: {@code 1 <= v < 2^13}, so {@code js < 8171}. */
  private static final int BINADES = 13;

  /** Mantissa bits that pick an interval within a binade. */
  private static final int INDEX_BITS = 7;

  private static final int PER_BINADE = 1 << INDEX_BITS;
  private static final int INTERVALS = BINADES * PER_BINADE;
  private static final int REST_BITS = 52 - INDEX_BITS;
  private static final long REST_MASK = (1L << REST_BITS) - 1;

  /** The mantissa bits below the index, times this, run from 0 to 2 across an interval. */
  private static final double REST_SCALE = 0x1p-44;

  private static final int FIRST_INDEX = 1023 << INDEX_BITS;

  /**
   * Degree of each polynomial. Degree 4 on 128 intervals per binade errs by at most 7e-12 (output)
   * and 8e-11 (derivative) of the value for the tutorial's neurons, far below float's 6e-8, so few
   * values are left to the formulas.
   */
  private static final int DEGREE = 4;

  private static final int TERMS = DEGREE + 1;

  /** Per interval: the output's coefficients, then the derivative's. */
  private static final int STRIDE = 2 * TERMS;

  /** Points per interval at which the polynomial's error is measured. */
  private static final int ERROR_SAMPLES = 24;

  /** Double's unit roundoff. */
  private static final double U = 0x1p-53;

  /** The double bits that a conversion to float drops. */
  private static final long DROPPED = (1L << 29) - 1;

  /** {@link #DROPPED}'s value halfway between two floats, where rounding turns. */
  private static final int HALFWAY = 1 << 28;

  /**
   * A slack of this many units in the last place of a double or more answers nothing: the double's
   * float could lie in the binade below, whose floats are twice as dense.
   */
  private static final int NO_ANSWER = 1 << 27;

  private static final Map<NeuronParams, SoftLifTable> TABLES = new ConcurrentHashMap<>();

  private final double sigma;
  private final double amplitude;
  private final double tauRef;
  private final double tauRc;
  private final double scale;
  private final double[] coefficients = new double[INTERVALS * STRIDE];

  /**
   * Per interval, how far (in units in the last place of the value) the formulas' doubles of the
   * output and of the derivative may lie from the polynomials'; {@link #HALFWAY} where the table
   * answers nothing.
   */
  private final int[] slack = new int[2 * INTERVALS];

  /** The table of {@code params}' neurons, built once per JVM (about 50 ms). */
  static SoftLifTable of(NeuronParams params) {
    return TABLES.computeIfAbsent(params, SoftLifTable::new);
  }

  private SoftLifTable(NeuronParams params) {
    this.sigma = params.sigma();
    this.amplitude = params.amplitude();
    this.tauRef = params.tauRef();
    this.tauRc = params.tauRc();
    this.scale = SoftLifRate.derivativeScale(params);
    for (int k = 0; k < INTERVALS; k++) {
      fit(k);
    }
  }

  /**
   * The output and derivative at {@code js} as {@link #pack}ed floats, or {@link #UNCERTAIN} where
   * the formulas must decide.
   */
  long outputAndDerivative(double js) {
    long bits = Double.doubleToRawLongBits(js + SHIFT);
    int k = (int) (bits >>> REST_BITS) - FIRST_INDEX;
    if (!(js > LOWEST) || k < 0 || k >= INTERVALS) { // k >= INTERVALS: above, or not a number
      return UNCERTAIN;
    }
    double t = (bits & REST_MASK) * REST_SCALE - 1;
    double rate = polynomial(k * STRIDE, t);
    double slope = polynomial(k * STRIDE + TERMS, t);
    if (nearHalfway(rate, slack[2 * k]) || nearHalfway(slope, slack[2 * k + 1])) {
      return UNCERTAIN;
    }
    return pack((float) rate, (float) slope);
  }

  /** An output and a derivative in one long: the output's bits above. */
  static long pack(float output, float derivative) {
    return (long) Float.floatToRawIntBits(output) << 32
        | (Float.floatToRawIntBits(derivative) & 0xFFFF_FFFFL);
  }

  static float output(long packed) {
    return Float.intBitsToFloat((int) (packed >>> 32));
  }

  static float derivative(long packed) {
    return Float.intBitsToFloat((int) packed);
  }

  /** The output at {@code js}, or NaN where the formulas must decide. */
  float output(double js) {
    long bits = Double.doubleToRawLongBits(js + SHIFT);
    int k = (int) (bits >>> REST_BITS) - FIRST_INDEX;
    if (!(js > LOWEST) || k < 0 || k >= INTERVALS) {
      return Float.NaN;
    }
    double rate = polynomial(k * STRIDE, (bits & REST_MASK) * REST_SCALE - 1);
    return nearHalfway(rate, slack[2 * k]) ? Float.NaN : (float) rate;
  }

  /**
   * Whether a double within {@code slack} units in the last place of {@code value} could round to
   * another float than {@code value} does: whether {@code value} lies that close to halfway between
   * two floats.
   */
  private static boolean nearHalfway(double value, int slack) {
    int dropped = (int) (Double.doubleToRawLongBits(value) & DROPPED);
    return Math.abs(dropped - HALFWAY) <= slack;
  }

  /**
   * The polynomial at {@code at} in {@code t}, by Estrin's scheme: its chain of dependent
   * operations is half as long as Horner's.
   */
  private double polynomial(int at, double t) {
    double t2 = t * t;
    double low = coefficients[at] + coefficients[at + 1] * t;
    double high = coefficients[at + 2] + coefficients[at + 3] * t + coefficients[at + 4] * t2;
    return low + t2 * high;
  }

  /** Interval {@code k}'s polynomials, interpolating at Chebyshev points, and their bounds. */
  private void fit(int k) {
    double low = Math.scalb(1.0 + (double) (k % PER_BINADE) / PER_BINADE, k / PER_BINADE);
    double half = Math.scalb(0.5 / PER_BINADE, k / PER_BINADE);
    double center = low + half;
    double[][] values = new double[2][TERMS];
    for (int n = 0; n < TERMS; n++) {
      double[] exact = accurate(center + half * chebyshevPoint(n) - SHIFT);
      values[0][n] = exact[0];
      values[1][n] = exact[1];
    }
    int at = k * STRIDE;
    System.arraycopy(monomial(values[0]), 0, coefficients, at, TERMS);
    System.arraycopy(monomial(values[1]), 0, coefficients, at + TERMS, TERMS);
    double[] worst = referenceErrors(low - SHIFT); // the formulas err most at an interval's start
    double[] fitted = new double[2];
    double[] smallest = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] largest = {0, 0};
    for (int s = 0; s < ERROR_SAMPLES; s++) {
      double js = center + half * (-1 + (2.0 * s + 1) / ERROR_SAMPLES) - SHIFT;
      long bits = Double.doubleToRawLongBits(js + SHIFT);
      double t = (bits & REST_MASK) * REST_SCALE - 1;
      double[] exact = accurate(js);
      double[] reference = referenceErrors(js);
      for (int f = 0; f < 2; f++) {
        double error = Math.abs(polynomial(at + f * TERMS, t) - exact[f]) / exact[f];
        fitted[f] = Math.max(fitted[f], error);
        smallest[f] = Math.min(smallest[f], exact[f]);
        largest[f] = Math.max(largest[f], exact[f]);
        worst[f] = Math.max(worst[f], reference[f]);
      }
    }
    for (int f = 0; f < 2; f++) {
      if (!(smallest[f] >= Float.MIN_NORMAL && largest[f] < Float.MAX_VALUE / 2)) {
        slack[2 * k + f] = HALFWAY; // float's subnormals and overflow round otherwise
        continue;
      }
      // Twice the formulas' bound, four times the largest measured error (the error curve of an
      // interpolant is smooth, so the samples come close to its peak), and the accurate values'
      // own few roundings; relative, so at most this times 2^53 units in the last place.
      double bound = (2 * worst[f] + 4 * fitted[f] + 64 * U) / U;
      slack[2 * k + f] = bound < NO_ANSWER ? (int) Math.ceil(bound) : HALFWAY;
    }
  }

  private static double chebyshevPoint(int n) {
    return Math.cos(Math.PI * (n + 0.5) / TERMS);
  }

  /**
   * The monomial coefficients in {@code t} of the polynomial taking {@code values} at the Chebyshev
   * points: its Chebyshev series, then each {@code T_j} expanded.
   */
  private static double[] monomial(double[] values) {
    double[] result = new double[TERMS];
    double[] previous = new double[TERMS]; // T_{j-1}
    double[] current = new double[TERMS]; // T_j
    current[0] = 1;
    for (int j = 0; j < TERMS; j++) {
      double a = 0;
      for (int n = 0; n < TERMS; n++) {
        a += values[n] * Math.cos(Math.PI * j * (n + 0.5) / TERMS);
      }
      a *= (j == 0 ? 1.0 : 2.0) / TERMS;
      for (int i = 0; i < TERMS; i++) {
        result[i] += a * current[i];
      }
      double[] next = new double[TERMS]; // T_{j+1} = 2t T_j - T_{j-1}, with T_1 = t
      for (int i = 0; i + 1 < TERMS; i++) {
        next[i + 1] = (j == 0 ? 1 : 2) * current[i];
      }
      for (int i = 0; i < TERMS && j > 0; i++) {
        next[i] -= previous[i];
      }
      previous = current;
      current = next;
    }
    return result;
  }

  /**
   * Output and derivative at {@code js} to a few units in the last place: the formulas' values,
   * with {@code log1p} where they take {@code log} of a sum near 1.
   */
  private double[] accurate(double js) {
    double z;
    double dqdjsOverSigma;
    if (js > SoftLifRate.SOFTPLUS_LINEAR_ABOVE) {
      z = js * sigma;
      dqdjsOverSigma = 1 / (z * (z + 1));
    } else {
      double e = Math.exp(js);
      z = Math.log1p(e) * sigma;
      dqdjsOverSigma = e / (1 + e) / (z * (z + 1));
    }
    double rate = amplitude / (tauRef + tauRc * Math.log1p(1 / z));
    return new double[] {rate, rate * rate * scale * dqdjsOverSigma};
  }

  /**
   * Bounds on the relative errors of the output and derivative that {@link SoftLifRate}'s formulas
   * compute at {@code js}: every operation rounds by at most {@link #U} of its result, {@code exp}
   * and {@code log} by one unit in the last place, and each input's error carries through its
   * condition.
   */
  private double[] referenceErrors(double js) {
    double z;
    double zError; // relative
    double quotientError; // relative, of e / (1 + e): 0 above the smooth region
    if (js > SoftLifRate.SOFTPLUS_LINEAR_ABOVE) {
      z = js * sigma;
      zError = U;
      quotientError = 0;
    } else {
      double e = Math.exp(js);
      double w = 1 + e;
      double wError = (2 * U * e + U * w) / w; // exp's ulp, then the sum's rounding
      double log = Math.log1p(e);
      zError = (wError + 2 * U * log) / log + U; // log's condition 1 / log(w), its ulp, sigma's
      z = log * sigma;
      quotientError = 2 * U + wError + U;
    }
    double q = Math.log1p(1 / z);
    // (z + 1) / z: z's error damped by 1 / (z + 1), two roundings; then log's ulp
    double qError = zError / (z + 1) + 2 * U + 2 * U * q; // absolute
    double d = tauRef + tauRc * q;
    double rateError = (tauRc * qError + U * tauRc * q + U * d) / d + U;
    double productError = zError + zError * z / (z + 1) + 4 * U; // (1 + e) * z * (z + 1), / it
    double slopeError = 2 * rateError + quotientError + productError + 3 * U;
    return new double[] {rateError, slopeError};
  }
}
