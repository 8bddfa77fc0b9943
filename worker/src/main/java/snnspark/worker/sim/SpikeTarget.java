package snnspark.worker.sim;

import java.util.Arrays;
import java.util.List;
import snnspark.worker.TrainedWeights;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;

/**
 * What one neuron layer's spikes do to the input of the next weighted layer (a conv, a dense layer
 * or the output) in {@link EventDrivenNetwork}: each spike adds its outgoing weights times its
 * height. The average pools between are linear, so they fold in: a spike lands on its pooled
 * position with its height divided by the pools' areas, or nowhere when a pool's truncation cuts it
 * off.
 */
abstract class SpikeTarget {
  /** Each source neuron's index in the pooled map, -1 where cut off; null: no pool between. */
  private final int[] pooled;

  /** The pools' windows multiplied: a spike's height divides by it. */
  private final int area;

  /** The input's bias, laid out as the input. */
  private final float[] bias;

  private SpikeTarget(int[] pooled, int area, float[] bias) {
    this.pooled = pooled;
    this.area = area;
    this.bias = bias;
  }

  /**
   * The target of neuron layer {@code from}'s spikes: layer {@code to} of {@code arch.layers()}.
   */
  static SpikeTarget between(TrainedWeights trained, int from, int to) {
    List<LayerShape> layers = trained.architecture().layers();
    InputShape map = layers.get(from).output();
    int[] pooled = null;
    int area = 1;
    for (int i = from + 1; i < to; i++) {
      if (layers.get(i).spec() instanceof AvgPool p) {
        pooled = pool(pooled, map, p.size(), layers.get(i).output());
        map = layers.get(i).output();
        area *= p.size() * p.size();
      }
    }
    TrainedWeights.LayerWeights weights = trained.layer(to);
    LayerShape target = layers.get(to);
    if (target.spec() instanceof Conv c) {
      return new ConvTarget(
          pooled, area, map, c, target.output(), weights.weights(), weights.bias());
    }
    return new DenseTarget(pooled, area, weights.weights(), weights.bias());
  }

  /** Composes {@code earlier} (null: identity) with a pool of {@code size} from {@code in}. */
  private static int[] pool(int[] earlier, InputShape in, int size, InputShape out) {
    int[] index = new int[earlier == null ? Math.toIntExact(in.size()) : earlier.length];
    for (int n = 0; n < index.length; n++) {
      int i = earlier == null ? n : earlier[n];
      if (i < 0) {
        index[n] = -1;
        continue;
      }
      int c = i / (in.height() * in.width());
      int y = (i / in.width()) % in.height() / size;
      int x = i % in.width() / size;
      index[n] =
          y < out.height() && x < out.width() ? (c * out.height() + y) * out.width() + x : -1;
    }
    return index;
  }

  /** Values of the input, laid out as {@link #add} writes them. */
  final int size() {
    return bias.length;
  }

  /** The input's bias, laid out as the input. */
  final float[] bias() {
    return bias;
  }

  /** One thread's working memory for {@link #add}. */
  static final class Buffers {
    private final int[] inputs;
    private final ScaledAdd adder;

    /** For sources of at most {@code neurons} neurons and targets of at most {@code size}. */
    Buffers(int neurons, int size) {
      this.inputs = new int[neurons];
      this.adder = new ScaledAdd(size);
    }
  }

  /**
   * Adds the outgoing weights of the first {@code n} neurons of {@code spikes} (in the source's
   * (channel, row, column) order), each times {@code height}, to {@code into}.
   */
  final void add(int[] spikes, int n, float height, float[] into, Buffers buffers) {
    int[] inputs = buffers.inputs;
    int count = 0;
    for (int s = 0; s < n; s++) {
      int i = pooled == null ? spikes[s] : pooled[spikes[s]];
      if (i >= 0) {
        inputs[count++] = i;
      }
    }
    addInputs(inputs, count, height / area, into, buffers.adder);
  }

  /**
   * Adds the outgoing weights of the first {@code n} of {@code inputs} (of the pooled map), each
   * times {@code share}, to {@code into}, input after input.
   */
  abstract void addInputs(int[] inputs, int n, float share, float[] into, ScaledAdd adder);

  /**
   * Into a dense layer or the output: one row of the weights, {@code [input][unit]}, per spike.
   * Each row is an array of its own, so the inner loop indexes it and the input alike, which the
   * JIT vectorizes without copying the row first ({@link ScaledAdd}).
   */
  private static final class DenseTarget extends SpikeTarget {
    private final float[][] rows;

    DenseTarget(int[] pooled, int area, float[] weights, float[] bias) {
      super(pooled, area, bias);
      int units = bias.length;
      this.rows = new float[weights.length / units][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = Arrays.copyOfRange(weights, i * units, (i + 1) * units);
      }
    }

    /**
     * Four rows at a time, then the rest one by one. Java sums left to right, so each value still
     * takes the rows one after the other: the bits of one row at a time, loaded and stored once for
     * the four.
     */
    @Override
    void addInputs(int[] inputs, int n, float share, float[] into, ScaledAdd adder) {
      int s = 0;
      for (; s + 4 <= n; s += 4) {
        float[] r0 = rows[inputs[s]];
        float[] r1 = rows[inputs[s + 1]];
        float[] r2 = rows[inputs[s + 2]];
        float[] r3 = rows[inputs[s + 3]];
        for (int j = 0; j < into.length; j++) {
          into[j] = into[j] + share * r0[j] + share * r1[j] + share * r2[j] + share * r3[j];
        }
      }
      for (; s < n; s++) {
        float[] row = rows[inputs[s]];
        for (int j = 0; j < into.length; j++) {
          into[j] += share * row[j];
        }
      }
    }
  }

  /**
   * Into a convolution, whose input is laid out (row, column, channel): the kernel of the spike's
   * channel scattered onto every window that covers it. Along a row, the kernel columns that reach
   * a spike's column are those of one phase (column modulo the stride), and they reach consecutive
   * output columns, the highest column first. The weights are laid out so that those columns are
   * consecutive too ({@link #tapOrder}), so each kernel row reaches one run of (column, channel)
   * places with one run of weights: one call of {@link ScaledAdd} per kernel row, not one per tap
   * (a call costs as much as adding 130 floats). Each place receives one addition per spike, so the
   * runs change no sum.
   */
  static final class ConvTarget extends SpikeTarget {
    private final int k;
    private final int filters;

    /** Where kernel column {@code kx} lies in a kernel row of {@link #weights}. */
    private final int[] tapOrder;

    /** Input places per channel: rows times columns. */
    private final int plane;

    /** Per input place (row, column): its kernel rows, run, first output place, first weight. */
    private final int[] places;

    /** The weights of one input channel: {@code k * k * filters}. */
    private final int channelWeights;

    /**
     * From one kernel row's run to the next: one output row down, one kernel row (of the phase) up.
     */
    private final int targetStep;

    private final int fromStep;

    /** DL4J's {@code [out][in][ky][kx]} as {@code [in][ky][tapOrder[kx]][out]}. */
    private final float[] weights;

    ConvTarget(
        int[] pooled,
        int area,
        InputShape in,
        Conv conv,
        InputShape out,
        float[] dl4jWeights,
        float[] channelBias) {
      super(pooled, area, channelLast(channelBias, out));
      this.k = conv.kernel();
      this.filters = conv.filters();
      this.tapOrder = tapOrder(k, conv.stride());
      this.plane = in.height() * in.width();
      this.places =
          places(
              new Reach(conv, in.height(), out.height()),
              new Reach(conv, in.width(), out.width()),
              out.width());
      this.channelWeights = k * k * filters;
      this.targetStep = out.width() * filters;
      this.fromStep = conv.stride() * k * filters;
      this.weights = rearranged(dl4jWeights, in.channels());
    }

    /** Each channel's bias at every (row, column), channels innermost. */
    private static float[] channelLast(float[] channelBias, InputShape out) {
      int filters = channelBias.length;
      float[] bias = new float[out.height() * out.width() * filters];
      for (int p = 0; p < out.height() * out.width(); p++) {
        System.arraycopy(channelBias, 0, bias, p * filters, filters);
      }
      return bias;
    }

    /**
     * Per input place, four ints: the kernel rows that reach it, the length of each row's run, and
     * where the first run starts among the places and among the weights (of channel 0). A spike
     * reads them instead of dividing its index into row and column.
     */
    private int[] places(Reach rows, Reach columns, int outCols) {
      int inCols = columns.taps.length;
      int[] table = new int[4 * plane];
      for (int y = 0; y < rows.taps.length; y++) {
        for (int x = 0; x < inCols; x++) {
          int at = 4 * (y * inCols + x);
          table[at] = rows.taps[y];
          table[at + 1] = columns.taps[x] * filters;
          table[at + 2] = (rows.firstOutput[y] * outCols + columns.firstOutput[x]) * filters;
          table[at + 3] = (rows.highest[y] * k + tapOrder[columns.highest[x]]) * filters;
        }
      }
      return table;
    }

    /**
     * Kernel columns grouped by phase (column modulo {@code stride}), each group from its highest
     * column down: {@code k-1-kx} at stride 1.
     */
    private static int[] tapOrder(int k, int stride) {
      int[] order = new int[k];
      int place = 0;
      for (int phase = 0; phase < Math.min(stride, k); phase++) {
        for (int kx = phase + (k - 1 - phase) / stride * stride; kx >= 0; kx -= stride) {
          order[kx] = place++;
        }
      }
      return order;
    }

    private float[] rearranged(float[] w, int channels) {
      float[] into = new float[w.length];
      for (int co = 0; co < filters; co++) {
        for (int ci = 0; ci < channels; ci++) {
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              into[((ci * k + ky) * k + tapOrder[kx]) * filters + co] =
                  w[((co * channels + ci) * k + ky) * k + kx];
            }
          }
        }
      }
      return into;
    }

    @Override
    void addInputs(int[] inputs, int n, float share, float[] into, ScaledAdd adder) {
      for (int s = 0; s < n; s++) {
        addOne(inputs[s], share, into, adder);
      }
    }

    /** Per kernel row that reaches input {@code i}, one run over the places it reaches. */
    private void addOne(int i, float share, float[] into, ScaledAdd adder) {
      int ci = i / plane;
      int at = 4 * (i - ci * plane);
      int run = places[at + 1];
      int target = places[at + 2];
      int from = ci * channelWeights + places[at + 3];
      for (int ky = places[at]; ky > 0; ky--) {
        adder.add(into, target, share, weights, from, run);
        target += targetStep;
        from -= fromStep;
      }
    }
  }

  /**
   * Along one axis of a convolution, for each input position: the kernel indices that reach it
   * (those of its phase, from {@code highest} down by the stride, {@code taps} of them) and the
   * first output they reach, from the highest index, the others after it in order.
   */
  private static final class Reach {
    final int[] highest;
    final int[] taps;
    final int[] firstOutput;

    Reach(Conv conv, int inputs, int outputs) {
      int k = conv.kernel();
      int stride = conv.stride();
      int pad = conv.padBefore(inputs);
      highest = new int[inputs];
      taps = new int[inputs];
      firstOutput = new int[inputs];
      for (int i = 0; i < inputs; i++) {
        int at = i + pad;
        for (int kk = Math.min(k - 1, at); kk >= 0 && (at - kk) / stride < outputs; kk--) {
          if ((at - kk) % stride == 0) {
            if (taps[i]++ == 0) {
              highest[i] = kk;
              firstOutput[i] = (at - kk) / stride;
            }
          }
        }
      }
    }
  }
}
