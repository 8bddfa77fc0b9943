package snnspark.datasets;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A labelled image dataset held compactly as unsigned bytes: {@code count} images of {@code
 * channels x rows x cols} values (each image channel after channel, each channel row-major, as the
 * network's NCHW input; RGB order for colour) and one label per image, a class index below {@code
 * classes}.
 *
 * <p>Pixels are scaled by 1/255 only when turned into network input, so the set costs one byte per
 * pixel in memory and on the wire. Validated at construction.
 *
 * @param source where it was read from, for messages
 * @param count number of images
 * @param channels values per pixel: 1 (grey) or 3 (RGB)
 * @param rows image height
 * @param cols image width
 * @param classes how many classes the labels index (the width of the one-hot labels): from the
 *     labels themselves for a training set ({@link #labelled}), the model's for a test set
 * @param pixels {@code count * channels * rows * cols} unsigned bytes
 * @param labels {@code count} class labels in {@code 0..classes-1}, as unsigned bytes
 */
public record Dataset(
    String source,
    int count,
    int channels,
    int rows,
    int cols,
    int classes,
    byte[] pixels,
    byte[] labels)
    implements Serializable, TrainingSet {

  /** Labels are unsigned bytes, as in IDX label files. */
  public static final int MAX_CLASSES = 256;

  /** The largest 8-bit pixel value, white in IDX images. */
  public static final int MAX_PIXEL = 255;

  /**
   * What an 8-bit pixel value is multiplied by to become network input in [0, 1]: the one rule of
   * the IDX reader, the image decoders and the table readers alike.
   */
  public static final float PIXEL_SCALE = 1f / MAX_PIXEL;

  /** Checks that the arrays match the shape and that every label is a class. */
  public Dataset {
    String misfit = shapeProblem(count, channels, rows, cols, pixels.length);
    if (misfit != null) {
      throw new DatasetException(source, misfit);
    }
    if (labels.length != count) {
      throw new DatasetException(
          source, "image/label count mismatch: " + count + " images, " + labels.length + " labels");
    }
    if (classes < 1 || classes > MAX_CLASSES) {
      throw new IllegalArgumentException(
          "classes must be in 1.." + MAX_CLASSES + ", got " + classes);
    }
    checkLabels(source, labels, classes);
  }

  /** Grey images, as IDX files hold them. */
  public Dataset(
      String source, int count, int rows, int cols, int classes, byte[] pixels, byte[] labels) {
    this(source, count, 1, rows, cols, classes, pixels, labels);
  }

  /**
   * What is wrong with {@code values} values as {@code count} images of {@code channels x rows x
   * cols}, or null when they fit: the one check of every holder of images.
   */
  public static String shapeProblem(int count, int channels, int rows, int cols, long values) {
    if (count < 0 || channels <= 0 || rows <= 0 || cols <= 0) {
      return "bad shape: " + count + " images of " + channels + "x" + rows + "x" + cols + " values";
    }
    long expected = (long) count * channels * rows * cols;
    return values == expected ? null : "holds " + values + " values, expected " + expected;
  }

  /** Fails, naming {@code file}, on the first label that is not one of {@code classes} classes. */
  public static void checkLabels(String file, byte[] labels, int classes) {
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i] & 0xff;
      if (label >= classes) {
        throw new DatasetException(
            file, "label " + label + " at index " + i + " " + notAClass(classes));
      }
    }
  }

  /** What a label outside {@code classes} classes is, as every check of labels says it. */
  public static String notAClass(int classes) {
    return "is not one of the " + classes + " classes 0.." + (classes - 1);
  }

  /**
   * Grey images whose labels are class indices, as IDX files hold them: the classes are {@code 0}
   * to the largest label.
   */
  public static Dataset labelled(
      String source, int count, int rows, int cols, byte[] pixels, byte[] labels) {
    return new Dataset(source, count, 1, rows, cols, classesOf(labels), pixels, labels);
  }

  /** The classes that labels holding class indices imply: {@code 0} to the largest label. */
  public static int classesOf(byte[] labels) {
    int largest = 0;
    for (byte label : labels) {
      largest = Math.max(largest, label & 0xff);
    }
    return largest + 1;
  }

  /** Values per image. */
  public int imageSize() {
    return channels * rows * cols;
  }

  /** The label of image {@code i}. */
  public int label(int i) {
    return labels[i] & 0xff;
  }

  /** Images {@code [from, to)} as a new dataset (copies the bytes). */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > count || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + count);
    }
    int size = imageSize();
    return new Dataset(
        source,
        to - from,
        channels,
        rows,
        cols,
        classes,
        Arrays.copyOfRange(pixels, from * size, to * size),
        Arrays.copyOfRange(labels, from, to));
  }

  /** The first {@code min(n, count)} images. */
  public Dataset head(int n) {
    return n >= count ? this : slice(0, n);
  }

  /** How many images each class has. */
  public int[] labelHistogram() {
    int[] histogram = new int[classes];
    for (byte label : labels) {
      histogram[label & 0xff]++;
    }
    return histogram;
  }

  /** Smallest pixel value after scaling to [0, 1]. */
  public float minPixel() {
    int min = MAX_PIXEL;
    for (byte p : pixels) {
      min = Math.min(min, p & 0xff);
    }
    return count == 0 ? 0f : min * PIXEL_SCALE;
  }

  /** Largest pixel value after scaling to [0, 1]. */
  public float maxPixel() {
    int max = 0;
    for (byte p : pixels) {
      max = Math.max(max, p & 0xff);
    }
    return max * PIXEL_SCALE;
  }

  /** Images {@code [from, to)} as float32 in [0, 1], flat: {@code (to-from) * imageSize()}. */
  public float[] imagesAsFloats(int from, int to) {
    int size = imageSize();
    float[] out = new float[(to - from) * size];
    for (int i = 0, p = from * size; i < out.length; i++, p++) {
      out[i] = (pixels[p] & 0xff) * PIXEL_SCALE;
    }
    return out;
  }

  /** Images {@code [from, to)} as an NCHW float32 array {@code [n, channels, rows, cols]}. */
  public INDArray features(int from, int to) {
    return Nd4j.create(imagesAsFloats(from, to), new long[] {to - from, channels, rows, cols}, 'c');
  }

  /** Labels {@code [from, to)} one-hot, float32 {@code [n, classes]}. */
  public INDArray oneHotLabels(int from, int to) {
    float[] oneHot = new float[(to - from) * classes];
    for (int i = from; i < to; i++) {
      oneHot[(i - from) * classes + label(i)] = 1f;
    }
    return Nd4j.create(oneHot, new long[] {to - from, classes}, 'c');
  }

  /** Images {@code [from, to)} as a DL4J minibatch (NCHW features, one-hot labels). */
  public DataSet toDataSet(int from, int to) {
    return new DataSet(features(from, to), oneHotLabels(from, to));
  }

  /** Broadcasts the images once; executors cut their minibatches ({@link MinibatchPartitioner}). */
  @Override
  public JavaRDD<DataSet> minibatches(JavaSparkContext sc, int batchSize, int partitions) {
    return MinibatchPartitioner.partition(sc, this, batchSize, partitions);
  }

  /** Same shape and the same bytes (the source name is not compared). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Dataset d
        && count == d.count
        && channels == d.channels
        && rows == d.rows
        && cols == d.cols
        && classes == d.classes
        && Arrays.equals(pixels, d.pixels)
        && Arrays.equals(labels, d.labels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * count + Arrays.hashCode(labels)) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "Dataset["
        + source
        + ", "
        + count
        + " images of "
        + rows
        + "x"
        + cols
        + (channels == 1 ? "" : "x" + channels)
        + ", "
        + classes
        + " classes]";
  }
}
