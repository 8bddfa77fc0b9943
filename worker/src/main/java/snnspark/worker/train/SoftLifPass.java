package snnspark.worker.train;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.worker.neuron.SoftLifRate;

/**
 * The fused SoftLIF neurons of a {@link FusedConvolution}, one image at a time, each right after
 * its product while that is still in cache (the whole batch's products, 7.4 MB for the tutorial's
 * conv 2 and 100 images, went out to memory and back): adds the bias and applies SoftLIF, writing
 * the outputs into {@code out [N, F, OH, OW]} and, in training, the derivative beside them, through
 * a reusable chunk of Java memory. With a {@code random} generator, adds {@code noise} to the
 * outputs (the derivative stays the noiseless one); with {@code means}, writes each image's mean
 * noiseless output there. Images go in order, so the noise's draws are those of one pass over the
 * batch.
 */
final class SoftLifPass {
  /** Elements handled per bulk copy between native memory and the Java neuron kernel. */
  private static final int CHUNK = 8192;

  private final SoftLifRate neurons;
  private final ChannelSource source;
  private final FloatBuffer values;
  private final FloatBuffer derivs;
  private final int outAt;
  private final int derivAt;
  private final float[] biases;
  private final int filters;
  private final int pixels;
  private final float threshold;
  private final double stdDev;
  private final SplittableRandom random;
  private final double[] means;
  private final float[] chunk = new float[CHUNK];
  private final float[] dchunk = new float[CHUNK];

  /**
   * Neurons that read each image's pre-activations (bias not yet added) from {@code products}:
   * {@code out} itself, or one image's pixel-major {@code [columns, F]} product (see {@link
   * ChannelSource}); {@code deriv} (the shape of {@code out}), {@code random} and {@code means} may
   * be null.
   */
  SoftLifPass(
      SoftLifRate neurons,
      INDArray products,
      INDArray out,
      INDArray bias,
      INDArray deriv,
      SpikeNoise noise,
      SplittableRandom random,
      double[] means) {
    this.neurons = neurons;
    this.filters = Math.toIntExact(out.size(1));
    this.pixels = Math.toIntExact(out.size(2) * out.size(3));
    this.source = new ChannelSource(products, out);
    this.values = Patches.floats(out);
    this.derivs = deriv == null ? null : Patches.floats(deriv);
    this.outAt = Patches.offset(out, 0);
    this.derivAt = deriv == null ? 0 : Patches.offset(deriv, 0);
    this.biases = bias.reshape(filters).toFloatVector();
    this.threshold = noise.thresholdOutput();
    this.stdDev = noise.outputStdDev();
    this.random = random;
    this.means = means;
  }

  /** Applies the neurons to image {@code i}, whose products are in place now. */
  void image(int i) {
    source.load(i);
    double sum = 0;
    long base = (long) i * filters * pixels;
    for (int f = 0; f < filters; f++, base += pixels) {
      for (int from = 0; from < pixels; from += CHUNK) {
        int len = Math.min(CHUNK, pixels - from);
        source.read(f, from, chunk, len);
        if (derivs == null) {
          neurons.output(chunk, biases[f], len);
        } else {
          neurons.outputAndDerivative(chunk, biases[f], dchunk, len);
        }
        if (means != null) {
          for (int k = 0; k < len; k++) {
            sum += chunk[k];
          }
        }
        if (random != null) {
          SpikeNoise.add(chunk, len, threshold, stdDev, random);
        }
        values.put(outAt + Math.toIntExact(base + from), chunk, 0, len);
        if (derivs != null) {
          derivs.put(derivAt + Math.toIntExact(base + from), dchunk, 0, len);
        }
      }
    }
    if (means != null) {
      means[i] = sum / ((double) filters * pixels);
    }
  }

  /**
   * Where the pass reads a channel's pre-activations: the NCHW output itself, or one image's
   * pixel-major {@code [columns, F]} result of the transposed GEMM, whose output rows may be laid
   * out on the input's wider rows ({@code columns = OH * W}, the pixels of no window skipped).
   */
  private static final class ChannelSource {
    private final FloatBuffer values;
    private final int offset;
    private final boolean pixelMajor;
    private final int filters;
    private final int pixels;
    private final int outCols;
    private final int rowWidth;
    private final float[] image;
    private int current;

    ChannelSource(INDArray products, INDArray out) {
      this.values = Patches.floats(products);
      this.offset = Patches.offset(products, 0);
      this.pixelMajor = products.rank() == 2;
      this.filters = Math.toIntExact(out.size(1));
      this.outCols = Math.toIntExact(out.size(3));
      this.pixels = Math.toIntExact(out.size(2)) * outCols;
      int columns = pixelMajor ? Math.toIntExact(products.size(0)) : pixels;
      this.rowWidth = Math.toIntExact(columns / out.size(2));
      this.image = pixelMajor ? new float[filters * columns] : null;
    }

    /** Makes image {@code i} the one {@link #read} reads: its products are in place now. */
    void load(int i) {
      current = i;
      if (pixelMajor) {
        values.get(offset, image, 0, image.length);
      }
    }

    /**
     * Copies {@code len} values of channel {@code f} of the current image from pixel {@code from}.
     */
    void read(int f, int from, float[] chunk, int len) {
      if (!pixelMajor) {
        int at = Math.toIntExact(((long) current * filters + f) * pixels + from);
        values.get(offset + at, chunk, 0, len);
        return;
      }
      for (int p = 0, q = from; p < len; ) {
        int run = Math.min(len - p, outCols - q % outCols); // the rest of output row q / outCols
        int at = ((q / outCols) * rowWidth + q % outCols) * filters + f;
        for (int j = 0; j < run; j++, at += filters) {
          chunk[p + j] = image[at];
        }
        p += run;
        q += run;
      }
    }
  }
}
