package snnspark.worker.neuron;

/**
 * The SoftLIF rate and its derivative over a channel's inputs at once, the neuron step of fast
 * training: the same formulas as {@link SoftLifRate}, the same bits, computed in passes over
 * arrays.
 *
 * <p>Why passes: written as one loop, every input takes a branch on its region and a chain of three
 * scalar divisions and a logarithm, each waiting for the one before. Split, the divisions and the
 * products run in loops of doubles alone that the JIT turns into vector instructions, and only the
 * logarithms and exponentials, which have no vector form in the JDK, stay in a scalar loop. An
 * input with the same bits as the one before it (an image's background gives a channel one value
 * over most of its pixels: half of all inputs on MNIST) is computed once: the first pass keeps one
 * entry per run of equal inputs, the last copies each entry's results back over its run.
 *
 * <p>Holds its working arrays between calls, so it belongs to one thread.
 */
public final class SoftLifKernel {
  private final double gainOverSigma;
  private final double shift;
  private final double sigma;
  private final double amplitude;
  private final double tauRef;
  private final double tauRc;
  private final double logSigma;
  private final double slopeScale;

  private int[] runOf = new int[0];
  private double[] input = new double[0];
  private double[] js = new double[0];
  private double[] ratio = new double[0];
  private double[] linearSlope = new double[0];
  private double[] q = new double[0];
  private double[] dq = new double[0];
  private double[] rate = new double[0];
  private double[] slope = new double[0];

  /** The kernel of neurons with {@code params}, with no working arrays yet. */
  public SoftLifKernel(NeuronParams params) {
    this.gainOverSigma = params.gain() / params.sigma();
    this.shift = (params.bias() - 1) / params.sigma();
    this.sigma = params.sigma();
    this.amplitude = params.amplitude();
    this.tauRef = params.tauRef();
    this.tauRc = params.tauRc();
    this.logSigma = Math.log(params.sigma());
    this.slopeScale = params.tauRc() / params.amplitude() * params.gain();
  }

  /**
   * Output and derivative of {@code n} inputs: {@code x[i] + offset} is the input u; {@code x[i]}
   * is overwritten with the output and {@code derivative[i]} receives d output / d u. {@code log1p}
   * is written as {@code log} of a ratio because {@code Math.log1p} is not a JIT intrinsic and
   * costs several times as much; in double precision the difference stays far below float32's
   * resolution.
   */
  public void outputAndDerivative(float[] x, float offset, float[] derivative, int n) {
    compute(x, offset, n);
    for (int i = 0; i < n; i++) {
      int k = runOf[i];
      x[i] = (float) rate[k];
      derivative[i] = (float) slope[k];
    }
  }

  /**
   * The output alone of {@code n} inputs, for inference: the same bits as {@link
   * #outputAndDerivative}'s output, since it is the same computation with the derivative left
   * unread.
   */
  public void output(float[] x, float offset, int n) {
    compute(x, offset, n);
    for (int i = 0; i < n; i++) {
      x[i] = (float) rate[runOf[i]];
    }
  }

  /** Fills {@code rate} and {@code slope} for each run of equal inputs. */
  private void compute(float[] x, float offset, int n) {
    ensureCapacity(n);
    int runs = collectRuns(x, offset, n);
    linearPass(runs);
    transcendentalPass(runs);
    ratePass(runs);
  }

  /**
   * One entry per run of inputs with the same bits, without a branch: every input writes its run's
   * entry, and only a new value advances the count.
   */
  private int collectRuns(float[] x, float offset, int n) {
    int runs = 0;
    int previous = n == 0 ? 0 : ~Float.floatToRawIntBits(x[0]);
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(x[i]);
      runs += bits != previous ? 1 : 0;
      input[runs - 1] = x[i] + offset;
      runOf[i] = runs - 1;
      previous = bits;
    }
    return runs;
  }

  /**
   * What every region needs of js without a logarithm, for all runs alike: js itself, and the
   * softplus-linear region's ratio {@code (z + 1) / z} and derivative factor (wasted, and harmless,
   * where another region applies).
   */
  private void linearPass(int runs) {
    for (int k = 0; k < runs; k++) {
      double j = input[k] * gainOverSigma + shift;
      js[k] = j;
      double z = j * sigma;
      ratio[k] = (z + 1) / z;
      linearSlope[k] = 1 / (z * (z + 1));
    }
  }

  /** q(js) and -(dq/du)/gain per run, region by region; the only loop that calls the JDK. */
  private void transcendentalPass(int runs) {
    for (int k = 0; k < runs; k++) {
      double j = js[k];
      if (j > SoftLifRate.SOFTPLUS_LINEAR_ABOVE) {
        q[k] = Math.log(ratio[k]);
        dq[k] = linearSlope[k];
      } else if (j > SoftLifRate.VALID_ABOVE) {
        double e = Math.exp(j);
        double z = Math.log(1 + e) * sigma;
        q[k] = Math.log((z + 1) / z);
        dq[k] = e / ((1 + e) * z * (z + 1));
      } else {
        q[k] = -j - logSigma;
        dq[k] = 1 / sigma;
      }
    }
  }

  private void ratePass(int runs) {
    for (int k = 0; k < runs; k++) {
      double r = amplitude / (tauRef + tauRc * q[k]);
      rate[k] = r;
      slope[k] = r * r * slopeScale * dq[k];
    }
  }

  private void ensureCapacity(int n) {
    if (runOf.length >= n) {
      return;
    }
    runOf = new int[n];
    input = new double[n];
    js = new double[n];
    ratio = new double[n];
    linearSlope = new double[n];
    q = new double[n];
    dq = new double[n];
    rate = new double[n];
    slope = new double[n];
  }
}
