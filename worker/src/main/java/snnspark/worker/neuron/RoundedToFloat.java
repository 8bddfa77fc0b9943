package snnspark.worker.neuron;

/**
 * The two transcendental results of a spiking LIF step, each rounded to float as {@link LifNeurons}
 * stores it, with the bits that {@code StrictMath}'s {@code log1p} and {@code expm1} give, at about
 * half their cost. {@code StrictMath} is a native call on JDK 17 (no JIT intrinsic), while {@code
 * Math.log} and {@code Math.exp} are intrinsics documented within one ulp. So each result is first
 * computed with the intrinsic, together with a bound on how far it can lie from the {@code
 * StrictMath} route's double; when every value within that bound rounds to the same float (rounding
 * is monotonic, so checking the two ends suffices: Ziv's rounding test) that float is the answer,
 * and only otherwise, about once in 10^7 calls, the {@code StrictMath} route runs.
 *
 * <p>The bounds use {@code ulp(x) <= |x| 2^-52} for normal {@code x}, with a factor of two or more
 * to spare on every term, and a tiny absolute term for results near zero.
 */
final class RoundedToFloat {
  private static final double EPS = 0x1p-52;

  /** Covers subnormal intermediate results, where {@code ulp} is not relative. */
  private static final double TINY = 0x1p-1060;

  private RoundedToFloat() {}

  /**
   * {@code (float) (tauRef + (dt + tauRc * StrictMath.log1p(y)))}: the refractory time of a neuron
   * that spiked, for {@code -1 < y < 0}.
   */
  static float refractoryAfterSpike(double tauRef, double dt, double tauRc, double y) {
    double log = Math.log(1.0 + y);
    double scaled = tauRc * log;
    double tSpike = dt + scaled;
    double sum = tauRef + tSpike;
    // |log - log1p(y)|: 1 + y is exact for y <= -0.5 (Sterbenz), else within 2^-54 and at least
    // 0.5, where log's slope is at most 2; then an ulp for each function.
    double logError = 0x1p-53 + 4 * EPS * Math.abs(log);
    double bound =
        2 * tauRc * logError
            + 4 * EPS * (Math.abs(scaled) + Math.abs(tSpike) + Math.abs(sum))
            + TINY;
    float low = (float) (sum - bound);
    if (low == (float) (sum + bound)) {
      return low;
    }
    return (float) (tauRef + (dt + tauRc * StrictMath.log1p(y)));
  }

  /**
   * {@code v - (current - v) * StrictMath.expm1(x)}, the voltage at the end of the step in which a
   * refractory period ends, when that voltage is at most 1 (no spike); rounded as {@link
   * LifNeurons} stores it, {@code (float) max(., 0)}. Returns {@code NaN} where the voltage may
   * exceed 1, so that the caller takes the full route: a spike's timing needs the voltage's double.
   */
  static float voltageAfterPartialDecay(double v, double current, double x) {
    double exp = Math.exp(x);
    double decay = exp - 1;
    double drive = current - v;
    double product = drive * decay;
    double voltage = v - product;
    // |decay - expm1(x)|: an ulp of exp, half an ulp of the subtraction, an ulp of expm1.
    double decayError = 4 * EPS * (Math.abs(exp) + Math.abs(decay));
    double bound =
        2 * Math.abs(drive) * decayError + 4 * EPS * (Math.abs(product) + Math.abs(voltage)) + TINY;
    if (voltage + bound < 1) {
      float low = (float) Math.max(voltage - bound, 0);
      if (low == (float) Math.max(voltage + bound, 0)) {
        return low;
      }
    }
    return Float.NaN;
  }
}
