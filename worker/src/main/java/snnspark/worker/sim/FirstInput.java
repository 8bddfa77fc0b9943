package snnspark.worker.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;

/**
 * The first neuron layer's input for an image in {@link EventDrivenNetwork}: the image is constant,
 * so this is computed once per image, by the linear layers up to that layer (average pools, then a
 * conv or dense layer), in (channel, row, column) order. A convolution sums, for each output, its
 * bias and then the products over input channels, kernel rows and kernel columns, in that order.
 */
final class FirstInput {
  /** One linear layer: reads {@code in}, writes {@code out}. */
  private interface Step {
    void apply(float[] in, float[] out);
  }

  private final List<Step> steps = new ArrayList<>();
  private final List<float[]> buffers = new ArrayList<>();

  FirstInput(TrainedWeights trained, int firstNeurons) {
    SnnArchitecture arch = trained.architecture();
    List<LayerShape> layers = arch.layers();
    for (int i = 0; i <= firstNeurons; i++) {
      LayerShape layer = layers.get(i);
      InputShape in = arch.inputOf(i);
      if (layer.spec() instanceof AvgPool p) {
        steps.add((x, y) -> averagePool(x, in, p.size(), layer.output(), y));
      } else if (layer.spec() instanceof Conv c) {
        steps.add(new Convolution(in, c, layer.output(), trained.layer(i)));
      } else if (layer.spec() instanceof Dense) {
        float[] w = trained.layer(i).weights();
        float[] b = trained.layer(i).bias();
        steps.add((x, y) -> dense(x, w, b, y));
      } else {
        continue; // dropout: training only
      }
      buffers.add(new float[Math.toIntExact(layer.output().size())]);
    }
  }

  /** Writes the first neuron layer's input for {@code image} to {@code into}. */
  void compute(float[] image, float[] into) {
    float[] x = image;
    for (int s = 0; s < steps.size(); s++) {
      float[] y = s == steps.size() - 1 ? into : buffers.get(s);
      steps.get(s).apply(x, y);
      x = y;
    }
  }

  private static void averagePool(float[] x, InputShape in, int p, InputShape out, float[] y) {
    float area = p * p;
    for (int c = 0; c < out.channels(); c++) {
      for (int py = 0; py < out.height(); py++) {
        for (int px = 0; px < out.width(); px++) {
          float sum = 0;
          for (int dy = 0; dy < p; dy++) {
            for (int dx = 0; dx < p; dx++) {
              sum += x[(c * in.height() + py * p + dy) * in.width() + px * p + dx];
            }
          }
          y[(c * out.height() + py) * out.width() + px] = sum / area;
        }
      }
    }
  }

  /**
   * A convolution. Each output plane starts at its bias and takes the products over (input channel,
   * kernel row, kernel column) in turn, each as a run over the output's columns: every output sums
   * the same products in the same order as output by output, but the inner loop vectorizes.
   */
  private static final class Convolution implements Step {
    private final InputShape in;
    private final InputShape out;
    private final int kernel;
    private final int stride;
    private final int padRows;
    private final int padCols;
    private final float[] weights;
    private final float[] bias;
    private final ScaledAdd adder;

    /** For a valid convolution of stride 1, one output plane as wide as the input, else null. */
    private final float[] wide;

    Convolution(InputShape in, Conv conv, InputShape out, TrainedWeights.LayerWeights trained) {
      this.in = in;
      this.out = out;
      this.kernel = conv.kernel();
      this.stride = conv.stride();
      this.padRows = conv.padBefore(in.height());
      this.padCols = conv.padBefore(in.width());
      this.weights = trained.weights();
      this.bias = trained.bias();
      // Not same padding even where it pads nothing before: a kernel of 2 pads after the input.
      boolean wideRuns = stride == 1 && conv.padding() == LayerSpec.Padding.VALID;
      this.wide = wideRuns ? new float[out.height() * in.width()] : null;
      this.adder = new ScaledAdd(wideRuns ? wide.length : Math.toIntExact(out.size()));
    }

    /**
     * For a valid convolution of stride 1, each output plane is summed in {@link #wide}, as wide as
     * the input: there every tap's inputs lie at one offset from its outputs, so a tap is one run
     * of {@link ScaledAdd} over the plane instead of one per output row (the 28x28 tutorial image:
     * 26 times fewer calls). The columns past the output's width sum inputs of the next row and are
     * dropped. Either way each output sums the same products in the same order.
     */
    @Override
    public void apply(float[] x, float[] y) {
      int plane = out.height() * out.width();
      int inPlane = in.height() * in.width();
      int run = (out.height() - 1) * in.width() + out.width();
      int w = 0; // DL4J's [out][in][ky][kx]
      for (int co = 0; co < out.channels(); co++) {
        if (wide != null) {
          Arrays.fill(wide, 0, run, bias[co]);
        } else {
          Arrays.fill(y, co * plane, (co + 1) * plane, bias[co]);
        }
        for (int ci = 0; ci < in.channels(); ci++) {
          for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
              if (wide != null) {
                adder.add(wide, 0, weights[w++], x, ci * inPlane + ky * in.width() + kx, run);
              } else {
                addTap(x, ci * inPlane, ky - padRows, kx - padCols, weights[w++], y, co * plane);
              }
            }
          }
        }
        for (int oy = 0; wide != null && oy < out.height(); oy++) {
          System.arraycopy(wide, oy * in.width(), y, co * plane + oy * out.width(), out.width());
        }
      }
    }

    /**
     * Adds {@code weight} times the input plane at {@code from}, read at offset ({@code dy}, {@code
     * dx}) from each output's window origin, to the output plane at {@code to}.
     */
    private void addTap(float[] x, int from, int dy, int dx, float weight, float[] y, int to) {
      // The output columns whose input column lies inside the image.
      int oxLow = dx >= 0 ? 0 : Math.floorDiv(-dx + stride - 1, stride);
      int oxHigh = Math.min(out.width(), Math.floorDiv(in.width() - 1 - dx, stride) + 1);
      for (int oy = 0; oy < out.height(); oy++) {
        int iy = oy * stride + dy;
        if (iy < 0 || iy >= in.height()) {
          continue;
        }
        int row = from + iy * in.width() + dx;
        int at = to + oy * out.width();
        if (stride == 1) {
          adder.add(y, at + oxLow, weight, x, row + oxLow, oxHigh - oxLow);
        } else {
          for (int ox = oxLow; ox < oxHigh; ox++) {
            y[at + ox] += weight * x[row + ox * stride];
          }
        }
      }
    }
  }

  private static void dense(float[] x, float[] w, float[] b, float[] y) {
    int units = b.length;
    for (int j = 0; j < units; j++) {
      float sum = b[j];
      for (int i = 0; i < x.length; i++) {
        sum += x[i] * w[i * units + j];
      }
      y[j] = sum;
    }
  }
}
