package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.NetworkDescription;

/**
 * A spike's scatter into a convolution, in runs, has the bits of the convolution's definition: for
 * each spike in order, each output that the spiking input reaches gains {@code share * w}, one
 * float addition, for every kernel size, stride and padding.
 */
class SpikeTargetTest {
  @ParameterizedTest(name = "{0}x{1}x{2} input, {3} filters, kernel {4}, stride {5}, {6}")
  @CsvSource({
    "26, 26, 32, 64, 3, 2, VALID",
    "12, 12, 3, 5, 3, 1, VALID",
    "12, 11, 2, 3, 3, 2, SAME",
    "13, 9, 2, 4, 5, 2, SAME",
    "10, 10, 3, 3, 2, 2, VALID",
    "11, 12, 2, 3, 5, 3, VALID",
    "9, 9, 2, 3, 3, 3, SAME",
    "8, 8, 2, 3, 1, 2, VALID",
    "8, 7, 2, 3, 2, 4, SAME"
  })
  void runsAddWhatEachTapAdds(
      int rows, int cols, int channels, int filters, int k, int stride, LayerSpec.Padding padding) {
    Conv conv = new Conv(filters, k, stride, padding);
    InputShape in = new InputShape(rows, cols, channels);
    InputShape out = new NetworkDescription(List.of(conv)).shapes(in, 2).get(0).output();
    SplittableRandom random = new SplittableRandom(rows * 31L + k * 7L + stride);
    float[] weights = randomFloats(filters * channels * k * k, random);
    float[] start = randomFloats(Math.toIntExact(out.size()), random);
    int[] spikes =
        IntStream.range(0, Math.toIntExact(in.size()))
            .filter(i -> random.nextInt(4) == 0)
            .toArray();
    float share = 0.37f;

    SpikeTarget target =
        new SpikeTarget.ConvTarget(null, 1, in, conv, out, weights, new float[filters]);
    float[] into = start.clone();
    target.addInputs(
        spikes, spikes.length, share, into, new ScaledAdd(Math.toIntExact(out.size())));

    float[] expected = start.clone();
    int padRows = conv.padBefore(rows);
    int padCols = conv.padBefore(cols);
    for (int i : spikes) {
      int ci = i / (rows * cols);
      int y = i / cols % rows + padRows;
      int x = i % cols + padCols;
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          int ky = y - oy * stride;
          int kx = x - ox * stride;
          if (ky < 0 || ky >= k || kx < 0 || kx >= k) {
            continue;
          }
          for (int co = 0; co < filters; co++) {
            expected[(oy * out.width() + ox) * filters + co] +=
                share * weights[((co * channels + ci) * k + ky) * k + kx];
          }
        }
      }
    }
    assertArrayEquals(expected, into);
  }

  private static float[] randomFloats(int n, SplittableRandom random) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }
}
