package snnspark.worker.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Padding;

/**
 * im2col and its adjoint col2im for an undilated NCHW convolution with a square {@code k x k}
 * kernel, any stride, valid or zero-padded ({@code same}), on float32 arrays in c order, as {@link
 * FusedConvolution} lays them out: {@code cols[n, c, ky, kx, oy, ox] = x[n, c, oy * s + ky - top,
 * ox * s + kx - left]}, zero outside the image.
 *
 * <p>ND4J's general {@code im2col} and {@code col2im} took about a third of the rate network's
 * inference time on the tutorial's network (JFR, 1.0.0-M2.1 CPU); at stride 1 every column row is a
 * contiguous run of an input row (with zeros where padding cuts it), so both are a few bulk copies
 * per image through reused Java arrays. Both give ND4J's bits exactly (tested), so training is
 * unchanged to the bit.
 */
final class Patches {
  private final Conv conv;
  private final int kernel;
  private final int stride;
  private float[] image = new float[0];
  private float[] patches = new float[0];
  private float[] staging = new float[0];
  private float[] narrowRows = new float[0];

  /** Patches of {@code conv}'s windows, with its stride and padding. */
  Patches(Conv conv) {
    this.conv = conv;
    this.kernel = conv.kernel();
    this.stride = conv.stride();
  }

  /**
   * Writes the patches of image {@code from} of {@code x [N, C, H, W]} as image {@code to} of
   * {@code cols}: a caller that multiplies one image's patches at a time cuts each when it needs
   * it, with no view of the image. Each row of patches is staged in a Java array small enough to
   * stay in L1 and copied out whole: staging all of an image's patches first (663 KB for the
   * tutorial's conv 2) took 7.8 ms per 100 such images against 4.8 (docs/performance.md).
   */
  void im2col(INDArray x, int from, INDArray cols, int to) {
    Shape s = new Shape(x);
    int plane = s.outRows * s.outCols;
    image = grow(image, s.imageSize());
    staging = grow(staging, plane);
    floats(x).get(offset(x, (long) from * s.imageSize()), image, 0, s.imageSize());
    FloatBuffer out = floats(cols);
    int into = offset(cols, (long) to * s.patchesSize());
    for (int c = 0; c < s.channels; c++) {
      for (int ky = 0; ky < kernel; ky++) {
        for (int kx = 0; kx < kernel; kx++, into += plane) {
          if (sumsInputRows()) {
            validRows(image, (c * s.height + ky) * s.width + kx, staging, s);
          } else {
            paddedRows(image, c, ky, kx, staging, s);
          }
          out.put(into, staging, 0, plane);
        }
      }
    }
  }

  /**
   * One row of patches of a valid convolution of stride 1: each output row a run of the input row
   * from {@code from} on (kept apart from {@link #paddedRows}, whose checks per output row made
   * this case a quarter slower).
   */
  private static void validRows(float[] image, int from, float[] row, Shape s) {
    for (int oy = 0, at = 0; oy < s.outRows; oy++, at += s.outCols, from += s.width) {
      System.arraycopy(image, from, row, at, s.outCols);
    }
  }

  /** One row of patches, for kernel offset {@code (ky, kx)} of channel {@code c}, of any conv. */
  private void paddedRows(float[] image, int c, int ky, int kx, float[] row, Shape s) {
    int first = s.firstColumn(kx);
    int end = s.endColumn(kx);
    for (int oy = 0, at = 0; oy < s.outRows; oy++, at += s.outCols) {
      int iy = oy * stride + ky - s.top;
      if (iy < 0 || iy >= s.height || first >= end) {
        Arrays.fill(row, at, at + s.outCols, 0f);
      } else {
        copyRow(image, (c * s.height + iy) * s.width + kx - s.left, row, at, first, end, s);
      }
    }
  }

  /**
   * {@link #im2col} laid out on the input's rows, where {@link #sumsInputRows} allows: writes the
   * patches of image {@code from} of {@code x [N, C, H, W]} as {@code cols [C*k*k, OH*W]}, row
   * {@code (c, ky, kx)} being the run of channel {@code c}'s plane from pixel {@code (ky, kx)} on.
   * Column {@code oy * W + ox} holds output pixel {@code (oy, ox)}'s patch where {@code ox < OW};
   * the columns after each output row hold pixels of no window (zeros past the plane's end), so a
   * product's columns there are to be dropped. One native copy per row of patches, where {@link
   * #im2col} makes one per output row of each (288 x 24 copies of 24 values for the tutorial's conv
   * 2, each costing more than it moves).
   */
  void im2colOnInputRows(INDArray x, int from, INDArray cols) {
    Shape s = new Shape(x);
    int plane = s.height * s.width;
    int run = s.outRows * s.width;
    FloatBuffer in = floats(x);
    FloatBuffer out = floats(cols);
    int image = offset(x, (long) from * s.imageSize());
    int at = offset(cols, 0);
    for (int c = 0; c < s.channels; c++) {
      for (int ky = 0; ky < kernel; ky++) {
        for (int kx = 0; kx < kernel; kx++, at += run) {
          int start = ky * s.width + kx;
          int inside = Math.min(run, plane - start); // the last rows run past the plane by kx
          out.put(at, in, image + c * plane + start, inside);
          for (int j = inside; j < run; j++) {
            out.put(at + j, 0f);
          }
        }
      }
    }
  }

  /**
   * One row of patches: the input pixels of {@code image} from {@code from} on, every {@code
   * stride}-th, into output columns {@code first} to {@code end} of {@code row} from {@code at},
   * zeros around them.
   */
  private void copyRow(float[] image, int from, float[] row, int at, int first, int end, Shape s) {
    if (first > 0) {
      Arrays.fill(row, at, at + first, 0f);
    }
    if (stride == 1) {
      System.arraycopy(image, from + first, row, at + first, end - first);
    } else {
      for (int ox = first; ox < end; ox++) {
        row[at + ox] = image[from + ox * stride];
      }
    }
    if (end < s.outCols) {
      Arrays.fill(row, at + end, at + s.outCols, 0f);
    }
  }

  /**
   * Sums the patch gradients of image {@code from} of {@code dcols} back onto image {@code to} of
   * the input gradient {@code dx [N,C,H,W]}, replacing what it held. Each pixel adds its patches
   * from the last kernel offset to the first, the order ND4J 1.0.0-M2.1's col2im sums in, so
   * training gives the same bits with either; padding's patch entries are dropped. One image at a
   * time, so a caller that computes one image's patch gradients at a time can hand each over while
   * they are still in cache.
   */
  void col2im(INDArray dcols, int from, INDArray dx, int to) {
    Shape s = new Shape(dx);
    reserve(s);
    floats(dcols).get(offset(dcols, (long) from * s.patchesSize()), patches, 0, s.patchesSize());
    Arrays.fill(image, 0, s.imageSize(), 0f);
    int rowsPerOffset = s.outRows * s.outCols;
    for (int c = 0; c < s.channels; c++) {
      for (int ky = kernel - 1; ky >= 0; ky--) {
        for (int kx = kernel - 1; kx >= 0; kx--) {
          int at = ((c * kernel + ky) * kernel + kx) * rowsPerOffset;
          int first = s.firstColumn(kx);
          int end = s.endColumn(kx);
          for (int oy = 0; oy < s.outRows; oy++, at += s.outCols) {
            int iy = oy * stride + ky - s.top;
            if (iy < 0 || iy >= s.height) {
              continue;
            }
            int into = (c * s.height + iy) * s.width + kx - s.left;
            if (stride == 1) { // scalar in JDK 17's C2: two arrays at different offsets
              for (int ox = first; ox < end; ox++) {
                image[into + ox] += patches[at + ox];
              }
            } else {
              for (int ox = first; ox < end; ox++) {
                image[into + ox * stride] += patches[at + ox];
              }
            }
          }
        }
      }
    }
    floats(dx).put(offset(dx, (long) to * s.imageSize()), image, 0, s.imageSize());
  }

  /**
   * Whether patches laid out on the input's rows apply ({@link #im2colOnInputRows}, {@link
   * #col2imFromInputRows}): stride 1 without padding, where one kernel offset's patches, or their
   * gradients, are one run of the input plane.
   */
  boolean sumsInputRows() {
    return stride == 1 && conv.padding() == Padding.VALID;
  }

  /** Values per filter of {@link #widenToInputRows}'s output: output rows times input width. */
  int inputRowsLength(INDArray x) {
    Shape s = new Shape(x);
    return s.outRows * s.width;
  }

  /**
   * Copies image {@code i}'s deltas of {@code deltas [N, F, OH*OW]} into {@code wide [F, OH*W]},
   * each output row padded with zeros to the width W of the input {@code x}. Patch gradients
   * computed from {@code wide} are then exactly {@code +0} in the padding (products with zero
   * summed from {@code +0}), and the same sums as before everywhere else.
   */
  void widenToInputRows(INDArray deltas, int i, INDArray wide, INDArray x) {
    Shape s = new Shape(x);
    int rows = Math.toIntExact(deltas.size(1)) * s.outRows;
    int narrow = rows * s.outCols;
    narrowRows = grow(narrowRows, narrow);
    staging = grow(staging, rows * s.width);
    floats(deltas).get(offset(deltas, (long) i * narrow), narrowRows, 0, narrow);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(narrowRows, r * s.outCols, staging, r * s.width, s.outCols);
      Arrays.fill(staging, r * s.width + s.outCols, (r + 1) * s.width, 0f);
    }
    floats(wide).put(offset(wide, 0), staging, 0, rows * s.width);
  }

  /**
   * {@link #col2im} of patch gradients laid out on the input's rows: {@code dcols [C*k*k, OH*W]},
   * computed from deltas {@link #widenToInputRows widened}, summed onto image {@code to} of {@code
   * dx [N, C, H, W]}, replacing it. Each kernel offset's plane is one run of the input plane: it is
   * copied to the place it sums onto and added there by a loop over one index, which C2 vectorizes
   * (JDK 17 leaves col2im's loops scalar: short rows, two arrays at different offsets; the spiking
   * simulator's {@code ScaledAdd} stages its runs the same way). The same sums in the same order as
   * {@link #col2im}; the zeros after each row add {@code +0} to the next pixels (the first of the
   * next plane after the last row), which leaves any sum that started at {@code +0} as it was.
   */
  void col2imFromInputRows(INDArray dcols, INDArray dx, int to) {
    Shape s = new Shape(dx);
    int run = s.outRows * s.width;
    int size = s.imageSize() + kernel - 1; // the last plane's last run ends past it
    image = grow(image, size);
    staging = grow(staging, size);
    Arrays.fill(image, 0, size, 0f);
    FloatBuffer values = floats(dcols);
    int from = offset(dcols, 0);
    for (int c = 0; c < s.channels; c++) {
      for (int ky = kernel - 1; ky >= 0; ky--) {
        for (int kx = kernel - 1; kx >= 0; kx--) {
          int at = (c * s.height + ky) * s.width + kx;
          values.get(from + ((c * kernel + ky) * kernel + kx) * run, staging, at, run);
          addRun(image, staging, at, at + run);
        }
      }
    }
    floats(dx).put(offset(dx, (long) to * s.imageSize()), image, 0, s.imageSize());
  }

  /** {@code sums[j] += values[j]} over {@code [from, to)}: one index, a loop C2 vectorizes. */
  private static void addRun(float[] sums, float[] values, int from, int to) {
    for (int j = from; j < to; j++) {
      sums[j] += values[j];
    }
  }

  /** {@code array} when it holds {@code length} values, else a new array that does. */
  static float[] grow(float[] array, int length) {
    return array.length < length ? new float[length] : array;
  }

  /** The float32 values of {@code a}, which must be dense in c order. */
  static FloatBuffer floats(INDArray a) {
    if (a.dataType() != DataType.FLOAT || !isContiguous(a)) {
      throw new IllegalArgumentException("need a dense float32 array in c order");
    }
    return a.data().asNioFloat();
  }

  /** {@code a} itself when dense in c order, else a dense copy. */
  static INDArray contiguous(INDArray a) {
    return isContiguous(a) ? a : a.dup('c');
  }

  /** Whether {@code a} is dense in c order; a dimension of size 1 may have any stride. */
  static boolean isContiguous(INDArray a) {
    long expected = 1;
    for (int d = a.rank() - 1; d >= 0; d--) {
      if (a.size(d) != 1 && a.stride(d) != expected) {
        return false;
      }
      expected *= a.size(d);
    }
    return true;
  }

  /** The buffer position of {@code a}'s element {@code index} in c order (a dense array). */
  static int offset(INDArray a, long index) {
    return Math.toIntExact(a.offset() + index);
  }

  /** Grows the reused arrays to hold one image and its patches. */
  private void reserve(Shape s) {
    image = grow(image, s.imageSize());
    patches = grow(patches, s.patchesSize());
  }

  /** Sizes of an input and its patches. */
  private final class Shape {
    final int channels;
    final int height;
    final int width;
    final int outRows;
    final int outCols;
    final int top;
    final int left;

    Shape(INDArray x) {
      if (x.rank() != 4) {
        throw new IllegalArgumentException("need NCHW input, got rank " + x.rank());
      }
      this.channels = Math.toIntExact(x.size(1));
      this.height = Math.toIntExact(x.size(2));
      this.width = Math.toIntExact(x.size(3));
      this.outRows = conv.outputs(height);
      this.outCols = conv.outputs(width);
      this.top = conv.padBefore(height);
      this.left = conv.padBefore(width);
    }

    /** The first output column whose kernel column {@code kx} reads inside the image. */
    int firstColumn(int kx) {
      return Math.max(0, Math.floorDiv(left - kx + stride - 1, stride));
    }

    /** One past the last output column whose kernel column {@code kx} reads inside the image. */
    int endColumn(int kx) {
      return Math.max(0, Math.min(outCols, Math.floorDiv(width - 1 + left - kx, stride) + 1));
    }

    int imageSize() {
      return channels * height * width;
    }

    int patchesSize() {
      return channels * kernel * kernel * outRows * outCols;
    }
  }
}
