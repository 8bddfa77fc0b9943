package snnspark.worker.train;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a non-overlapping NCHW average pooling computed by {@link FastAveragePooling}:
 * DL4J's {@link SubsamplingLayer} with the same fields, equal to it (a model saved with either
 * passes the same architecture check and loads into the other), but run as plain Java loops.
 *
 * <p>libnd4j 1.0.0-M2.1's {@code avgpool2d} and {@code avgpool2d_bp} took 7% of a training step on
 * this network (JFR) for what is, with a window equal to its stride, one add per input pixel.
 */
public class FastAveragePoolingLayer extends SubsamplingLayer {
  private static final long serialVersionUID = 1L;

  /** For JSON deserialisation only. */
  public FastAveragePoolingLayer() {}

  /** An average pooling configured by {@code builder}: window equal to stride, no padding. */
  public FastAveragePoolingLayer(SubsamplingLayer.Builder builder) {
    super(builder);
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    checkSupported();
    return RuntimeLayers.wire(
        new FastAveragePooling(conf, networkDataType),
        initializer(),
        conf,
        listeners,
        layerIndex,
        layerParamsView,
        initializeParams);
  }

  @Override
  public FastAveragePoolingLayer clone() {
    return (FastAveragePoolingLayer) super.clone();
  }

  private void checkSupported() {
    boolean average = getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.AVG;
    boolean tiles = Arrays.equals(getKernelSize(), getStride()) && getKernelSize()[0] > 0;
    boolean noPadding = Arrays.equals(getPadding(), new int[] {0, 0});
    boolean noDilation = Arrays.equals(getDilation(), new int[] {1, 1});
    boolean truncate = getConvolutionMode() != ConvolutionMode.Same;
    if (!average
        || !tiles
        || !noPadding
        || !noDilation
        || !truncate
        || getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new IllegalArgumentException(
          "FastAveragePoolingLayer computes only NCHW average pooling with the window as its"
              + " stride, unpadded and undilated");
    }
  }
}
