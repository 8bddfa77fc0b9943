package snnspark.worker.sim;

import java.util.ArrayList;
import java.util.List;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
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
        float[] w = trained.layer(i).weights();
        float[] b = trained.layer(i).bias();
        int padRows = SpikeTarget.ConvTarget.padBefore(c, in.height(), layer.output().height());
        int padCols = SpikeTarget.ConvTarget.padBefore(c, in.width(), layer.output().width());
        steps.add((x, y) -> convolve(x, in, c, padRows, padCols, w, b, layer.output(), y));
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

  private static void convolve(
      float[] x,
      InputShape in,
      Conv c,
      int padRows,
      int padCols,
      float[] w,
      float[] b,
      InputShape out,
      float[] y) {
    int k = c.kernel();
    int channels = in.channels();
    for (int co = 0; co < out.channels(); co++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          float sum = b[co];
          for (int ci = 0; ci < channels; ci++) {
            for (int ky = 0; ky < k; ky++) {
              int iy = oy * c.stride() - padRows + ky;
              if (iy < 0 || iy >= in.height()) {
                continue;
              }
              for (int kx = 0; kx < k; kx++) {
                int ix = ox * c.stride() - padCols + kx;
                if (ix >= 0 && ix < in.width()) {
                  sum +=
                      w[((co * channels + ci) * k + ky) * k + kx]
                          * x[(ci * in.height() + iy) * in.width() + ix];
                }
              }
            }
          }
          y[(co * out.height() + oy) * out.width() + ox] = sum;
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
