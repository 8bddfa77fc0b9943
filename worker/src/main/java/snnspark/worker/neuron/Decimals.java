package snnspark.worker.neuron;

import java.math.BigDecimal;

/** Numbers in messages and summaries as a user types them. */
public final class Decimals {
  private Decimals() {}

  /** {@code value} in its shortest decimal form (0.4, 20, 1e-05 as 0.00001). */
  public static String shortest(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value); // NaN, Infinity: what the user typed
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
