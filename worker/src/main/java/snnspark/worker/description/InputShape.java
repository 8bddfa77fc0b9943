package snnspark.worker.description;

import java.io.Serializable;

/**
 * The shape of what a layer takes or gives: height, width and channels of an image or feature map
 * (a dense layer's output is 1x1 by its units).
 *
 * @param height rows
 * @param width columns
 * @param channels values per position
 */
public record InputShape(int height, int width, int channels) implements Serializable {
  /**
   * The most values a shape holds: 64 MiB of floats an image, already more than a minibatch of them
   * can train with on a machine today. It keeps every count of values in a minibatch or a partition
   * an int (a 46341x46341 header of a 100-byte PNG overflowed one), and a typo's size from ending
   * in an executor out of memory.
   */
  public static final long MAX_VALUES = 1L << 24;

  /** Rejects a shape without positions or channels, or of more than {@link #MAX_VALUES}. */
  public InputShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "image shape must be at least 1x1x1, got " + height + "x" + width + "x" + channels);
    }
    if ((long) height * width * channels > MAX_VALUES) {
      throw new IllegalArgumentException(
          "image shape must hold at most "
              + MAX_VALUES
              + " values, got "
              + height
              + "x"
              + width
              + "x"
              + channels);
    }
  }

  /** The shape {@code text} writes as {@code HxWxC}, e.g. {@code 32x32x3}. */
  public static InputShape parse(String text) {
    String[] parts = text.strip().split("x", -1);
    try {
      if (parts.length == 3) {
        return new InputShape(
            Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(
        "image shape must be HxWxC, such as 32x32x3, got '" + text + "'");
  }

  /** Values per image. */
  public long size() {
    return (long) height * width * channels;
  }

  /** {@code HxWxC}, e.g. {@code 28x28x1}. */
  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
