package snnspark.worker.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * im2col and its adjoint col2im for a stride-1, undilated NCHW convolution with a square {@code k x
 * k} kernel, valid or zero-padded ({@code same}), on float32 arrays in c order, as {@link
 * FusedConvolution} lays them out: {@code cols[n, c, ky, kx, oy, ox] = x[n, c, oy + ky - pad, ox +
 * kx - pad]}, zero outside the image.
 *
 * <p>ND4J's general {@code im2col} and {@code col2im} took about a third of the rate network's
 * inference time on the tutorial's network (JFR, 1.0.0-M2.1 CPU); at stride 1 every column row is a
 * contiguous run of an input row (with zeros where padding cuts it), so both are a few bulk copies
 * per image through reused Java arrays. Both give ND4J's bits exactly (tested), so training is
 * unchanged to the bit.
 */
final class Patches {
  private final int kernel;
  private final int pad;
  private final int padded;
  private float[] image = new float[0];
  private float[] patches = new float[0];

  /**
   * Patches of a {@code kernel x kernel} window: of the image itself ({@code valid}), or ({@code
   * same}) of the image padded by {@code kernel - 1} zeros along each axis, {@code (kernel - 1) /
   * 2} of them before it, as DL4J's {@code ConvolutionMode.Same} pads at stride 1.
   */
  Patches(int kernel, boolean same) {
    this.kernel = kernel;
    this.padded = same ? kernel - 1 : 0;
    this.pad = padded / 2;
  }

  /** Writes the patches of every image of {@code x [N, C, H, W]} into {@code cols}. */
  void im2col(INDArray x, INDArray cols) {
    Shape s = new Shape(x);
    FloatBuffer in = floats(x);
    FloatBuffer out = floats(cols);
    reserve(s);
    for (int n = 0; n < s.n; n++) {
      in.get(offset(x, n * s.imageSize()), image, 0, s.imageSize());
      int at = 0;
      for (int c = 0; c < s.channels; c++) {
        for (int ky = 0; ky < kernel; ky++) {
          for (int kx = 0; kx < kernel; kx++) {
            int first = s.firstColumn(kx);
            int end = s.endColumn(kx);
            for (int oy = 0; oy < s.outRows; oy++, at += s.outCols) {
              int iy = oy + ky - pad;
              if (iy < 0 || iy >= s.height || first >= end) {
                Arrays.fill(patches, at, at + s.outCols, 0f);
                continue;
              }
              Arrays.fill(patches, at, at + first, 0f);
              int from = (c * s.height + iy) * s.width + first + kx - pad;
              System.arraycopy(image, from, patches, at + first, end - first);
              Arrays.fill(patches, at + end, at + s.outCols, 0f);
            }
          }
        }
      }
      out.put(offset(cols, n * s.patchesSize()), patches, 0, s.patchesSize());
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
            int iy = oy + ky - pad;
            if (iy < 0 || iy >= s.height) {
              continue;
            }
            int into = (c * s.height + iy) * s.width + kx - pad;
            for (int ox = first; ox < end; ox++) {
              image[into + ox] += patches[at + ox];
            }
          }
        }
      }
    }
    floats(dx).put(offset(dx, (long) to * s.imageSize()), image, 0, s.imageSize());
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
    if (image.length < s.imageSize()) {
      image = new float[s.imageSize()];
    }
    if (patches.length < s.patchesSize()) {
      patches = new float[s.patchesSize()];
    }
  }

  /** Sizes of an input and its patches. */
  private final class Shape {
    final int n;
    final int channels;
    final int height;
    final int width;
    final int outRows;
    final int outCols;

    Shape(INDArray x) {
      if (x.rank() != 4) {
        throw new IllegalArgumentException("need NCHW input, got rank " + x.rank());
      }
      this.n = Math.toIntExact(x.size(0));
      this.channels = Math.toIntExact(x.size(1));
      this.height = Math.toIntExact(x.size(2));
      this.width = Math.toIntExact(x.size(3));
      this.outRows = height + padded - kernel + 1;
      this.outCols = width + padded - kernel + 1;
    }

    /** The first output column whose kernel column {@code kx} reads inside the image. */
    int firstColumn(int kx) {
      return Math.max(0, pad - kx);
    }

    /** One past the last output column whose kernel column {@code kx} reads inside the image. */
    int endColumn(int kx) {
      return Math.min(outCols, width + pad - kx);
    }

    int imageSize() {
      return channels * height * width;
    }

    int patchesSize() {
      return channels * kernel * kernel * outRows * outCols;
    }
  }
}
