package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;

/**
 * The first layer's input, computed plane by plane, has the bits of the definition computed output
 * by output (bias, then the products over input channels, kernel rows and kernel columns, in that
 * order), for padded and strided convolutions of several channels.
 */
class FirstInputTest {
  private static final InputShape IMAGE = new InputShape(11, 9, 3);

  private static TrainedWeights randomWeights(Conv conv) {
    SnnArchitecture arch =
        SnnArchitecture.of(
            new NetworkDescription(List.<LayerSpec>of(conv)), IMAGE, 2, NeuronParams.TUTORIAL);
    long count = arch.layers().stream().mapToLong(l -> l.parameters()).sum();
    float[] params = new float[Math.toIntExact(count)];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) random.nextGaussian();
    }
    return new TrainedWeights(arch, params);
  }

  /** The definition: each output on its own. */
  private static float[] outputByOutput(TrainedWeights trained, Conv c, float[] x) {
    InputShape out = trained.architecture().layers().get(0).output();
    float[] w = trained.layer(0).weights();
    float[] b = trained.layer(0).bias();
    int padRows = c.padBefore(IMAGE.height());
    int padCols = c.padBefore(IMAGE.width());
    int k = c.kernel();
    float[] y = new float[Math.toIntExact(out.size())];
    for (int co = 0; co < out.channels(); co++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          float sum = b[co];
          for (int ci = 0; ci < IMAGE.channels(); ci++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * c.stride() - padRows + ky;
                int ix = ox * c.stride() - padCols + kx;
                if (iy >= 0 && iy < IMAGE.height() && ix >= 0 && ix < IMAGE.width()) {
                  sum +=
                      w[((co * IMAGE.channels() + ci) * k + ky) * k + kx]
                          * x[(ci * IMAGE.height() + iy) * IMAGE.width() + ix];
                }
              }
            }
          }
          y[(co * out.height() + oy) * out.width() + ox] = sum;
        }
      }
    }
    return y;
  }

  @Test
  void planeByPlaneHasTheBitsOfOutputByOutput() {
    float[] image = new float[Math.toIntExact(IMAGE.size())];
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) random.nextDouble();
    }
    for (Conv conv :
        List.of(
            new Conv(4, 3),
            new Conv(3, 1),
            new Conv(3, 4, 1, LayerSpec.Padding.VALID),
            new Conv(3, 2, 1, LayerSpec.Padding.SAME),
            new Conv(4, 3, 2, LayerSpec.Padding.VALID),
            new Conv(4, 3, 1, LayerSpec.Padding.SAME),
            new Conv(4, 4, 2, LayerSpec.Padding.SAME),
            new Conv(2, 5, 3, LayerSpec.Padding.SAME))) {
      TrainedWeights trained = randomWeights(conv);
      float[] fast = new float[outputSize(trained)];
      new FirstInput(trained, 0).compute(image, fast);
      assertArrayEquals(outputByOutput(trained, conv, image), fast, conv.toString());
    }
  }

  private static int outputSize(TrainedWeights trained) {
    return Math.toIntExact(trained.architecture().layers().get(0).output().size());
  }
}
