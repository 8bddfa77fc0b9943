package snnspark.worker.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of {@link FastAveragePoolingLayer}: average pooling over {@code k x k} tiles of each
 * channel, one image plane at a time through reused Java arrays. Float32 only (the training
 * network's type); other types go to DL4J's own layer.
 *
 * <p>Gives libnd4j 1.0.0-M2.1's bits: a tile's sum is taken row by row, left to right, in float,
 * then divided by {@code k * k}; backprop hands each pixel of a tile the tile's gradient divided by
 * {@code k * k}, and pixels beyond the last whole tile (the remainder that truncation drops) zero.
 * {@code FastAveragePoolingTest} compares both directions with DL4J's layer.
 */
public class FastAveragePooling extends SubsamplingLayer {
  private static final long serialVersionUID = 1L;

  private transient float[] plane = new float[0];
  private transient float[] pooled = new float[0];

  /** Built by {@link FastAveragePoolingLayer#instantiate}. */
  public FastAveragePooling(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
    assertInputSet(false);
    if (dataType != DataType.FLOAT || input.rank() != 4) {
      return super.activate(training, workspaces);
    }
    INDArray x = Patches.contiguous(input.castTo(dataType));
    Tiles t = new Tiles(x.shape(), layerConf().getKernelSize()[0]);
    INDArray out =
        workspaces.createUninitialized(ArrayType.ACTIVATIONS, dataType, t.outputShape(), 'c');
    FloatBuffer in = Patches.floats(x);
    FloatBuffer values = Patches.floats(out);
    reserve(t);
    for (long p = 0; p < t.planes; p++) {
      in.get(Patches.offset(x, p * t.inSize()), plane, 0, t.inSize());
      t.pool(plane, pooled);
      values.put(Patches.offset(out, p * t.outSize()), pooled, 0, t.outSize());
    }
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
    assertInputSet(true);
    if (dataType != DataType.FLOAT || input.rank() != 4) {
      return super.backpropGradient(epsilon, workspaces);
    }
    INDArray eps = Patches.contiguous(epsilon.castTo(dataType));
    Tiles t = new Tiles(input.shape(), layerConf().getKernelSize()[0]);
    INDArray grad =
        workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
    FloatBuffer in = Patches.floats(eps);
    FloatBuffer out = Patches.floats(grad);
    reserve(t);
    for (long p = 0; p < t.planes; p++) {
      in.get(Patches.offset(eps, p * t.outSize()), pooled, 0, t.outSize());
      t.spread(pooled, plane);
      out.put(Patches.offset(grad, p * t.inSize()), plane, 0, t.inSize());
    }
    return new Pair<>(new DefaultGradient(), grad);
  }

  private void reserve(Tiles t) {
    plane = Patches.grow(plane, t.inSize());
    pooled = Patches.grow(pooled, t.outSize());
  }

  /** The tiling of {@code [N, C, H, W]} inputs by {@code k x k} windows at stride k. */
  private static final class Tiles {
    final long images;
    final long channels;
    final long planes;
    final int height;
    final int width;
    final int k;
    final int outRows;
    final int outCols;
    final float area;

    Tiles(long[] shape, int k) {
      this.images = shape[0];
      this.channels = shape[1];
      this.planes = images * channels;
      this.height = Math.toIntExact(shape[2]);
      this.width = Math.toIntExact(shape[3]);
      this.k = k;
      this.outRows = height / k;
      this.outCols = width / k;
      this.area = k * k;
    }

    int inSize() {
      return height * width;
    }

    int outSize() {
      return outRows * outCols;
    }

    long[] outputShape() {
      return new long[] {images, channels, outRows, outCols};
    }

    /**
     * Pools one plane. Each output row sums its tiles a kernel offset at a time over the whole row
     * (no dependency from one tile to the next), in the order (0, 0), (0, 1), ..., (k-1, k-1) of
     * each tile, starting from 0 as libnd4j does.
     */
    void pool(float[] in, float[] out) {
      for (int oy = 0; oy < outRows; oy++) {
        int o = oy * outCols;
        Arrays.fill(out, o, o + outCols, 0f);
        for (int ky = 0; ky < k; ky++) {
          int row = (oy * k + ky) * width;
          for (int kx = 0; kx < k; kx++) {
            for (int ox = 0; ox < outCols; ox++) {
              out[o + ox] += in[row + ox * k + kx];
            }
          }
        }
        for (int ox = 0; ox < outCols; ox++) {
          out[o + ox] /= area;
        }
      }
    }

    void spread(float[] gradOut, float[] gradIn) {
      Arrays.fill(gradIn, 0, inSize(), 0f);
      for (int oy = 0; oy < outRows; oy++) {
        int o = oy * outCols;
        for (int ky = 0; ky < k; ky++) {
          int row = (oy * k + ky) * width;
          for (int kx = 0; kx < k; kx++) {
            for (int ox = 0; ox < outCols; ox++) {
              gradIn[row + ox * k + kx] = gradOut[o + ox] / area;
            }
          }
        }
      }
    }
  }
}
