package snnspark.worker.description;

import java.io.Serializable;
import java.util.Locale;

/**
 * One layer of a {@link NetworkDescription}. Each checks its own settings when built; whether it
 * fits its input is the description's check ({@link NetworkDescription#shapes}). Every {@link Conv}
 * and {@link Dense} is followed by a neuron layer.
 */
public sealed interface LayerSpec extends Serializable
    permits LayerSpec.Conv, LayerSpec.AvgPool, LayerSpec.Dense, LayerSpec.Dropout {

  /** The type's name in the description's JSON ({@code conv}, {@code avgpool}, ...). */
  String type();

  /** Whether neurons follow this layer. */
  default boolean hasNeurons() {
    return false;
  }

  /** How a convolution treats the border. */
  enum Padding {
    /** Windows only where the kernel fits: the output shrinks by {@code kernel - 1}. */
    VALID,
    /** Zeros around the input so that the output has {@code ceil(input / stride)} positions. */
    SAME;

    /** The name in the description's JSON. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A 2-D convolution of square {@code kernel}, into neurons.
   *
   * @param filters output channels
   * @param kernel kernel height and width
   * @param stride step between windows, both ways
   * @param padding border rule
   */
  record Conv(int filters, int kernel, int stride, Padding padding) implements LayerSpec {
    /** A stride-1 valid convolution, as the tutorial's. */
    public Conv(int filters, int kernel) {
      this(filters, kernel, 1, Padding.VALID);
    }

    /** Rejects non-positive sizes. */
    public Conv {
      atLeastOne("filters", filters);
      atLeastOne("kernel", kernel);
      atLeastOne("stride", stride);
      if (padding == null) {
        throw new IllegalArgumentException("padding must be valid or same");
      }
    }

    @Override
    public String type() {
      return "conv";
    }

    @Override
    public boolean hasNeurons() {
      return true;
    }

    /** Output positions along a line of {@code input} positions (0: the kernel does not fit). */
    public int outputs(int input) {
      return padding == Padding.SAME
          ? (int) (((long) input + stride - 1) / stride) // a stride near int's end overflowed
          : input < kernel ? 0 : (input - kernel) / stride + 1;
    }

    /**
     * Zeros before the first of {@code input} positions, as DL4J and TensorFlow pad {@code same}:
     * half of those the windows reach past the input, rounded down (the rest go after it).
     */
    public int padBefore(int input) {
      if (padding != Padding.SAME) {
        return 0;
      }
      return (int) (Math.max((outputs(input) - 1L) * stride + kernel - input, 0) / 2);
    }
  }

  /**
   * Average pooling over {@code size x size} windows with stride {@code size} (the spiking network
   * runs it as a linear map; max pooling has no such form).
   *
   * @param size window side and stride
   */
  record AvgPool(int size) implements LayerSpec {
    /** Rejects a non-positive size. */
    public AvgPool {
      atLeastOne("size", size);
    }

    @Override
    public String type() {
      return "avgpool";
    }
  }

  /**
   * A fully connected layer into neurons; an image input is flattened (channel, row, column).
   *
   * @param units neurons
   */
  record Dense(int units) implements LayerSpec {
    /** Rejects a non-positive size. */
    public Dense {
      atLeastOne("units", units);
    }

    @Override
    public String type() {
      return "dense";
    }

    @Override
    public boolean hasNeurons() {
      return true;
    }
  }

  /**
   * Drops a fraction of the previous layer's outputs while training; the spiking network has none.
   *
   * @param rate fraction dropped, in [0, 1)
   */
  record Dropout(double rate) implements LayerSpec {
    /** Rejects a rate outside [0, 1). */
    public Dropout {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException("rate must lie in [0, 1), got " + rate);
      }
    }

    @Override
    public String type() {
      return "dropout";
    }
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
