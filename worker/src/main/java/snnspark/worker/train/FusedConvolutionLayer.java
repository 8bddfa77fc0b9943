package snnspark.worker.train;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Configuration of an NCHW convolution of any stride, valid or {@code same}, computed by {@link
 * FusedConvolution}: the same parameters, initialisation and saved form as DL4J's {@link
 * ConvolutionLayer} (so a network trained with either loads into the other and the spiking
 * simulators read it unchanged), but forward and backward run as one im2col plus per-image GEMMs,
 * with the SoftLIF neurons fused in.
 *
 * <p>DL4J 1.0.0-M2.1's own layer spends most of a training step in {@code conv2d_bp} and in a
 * second forward pass inside backprop; measured on this network it trains at about a fifth of the
 * speed (see {@code snn bench training}).
 */
public class FusedConvolutionLayer extends ConvolutionLayer {
  private static final long serialVersionUID = 1L;

  /** Training noise on the neurons' outputs in Hz ({@link SpikeNoise}); 0 in the tutorial. */
  @JsonProperty private double trainingNoiseHz;

  /** For JSON deserialisation only. */
  public FusedConvolutionLayer() {}

  /** A fused layer configured by a DL4J convolution {@code builder}, without training noise. */
  public FusedConvolutionLayer(ConvolutionLayer.Builder builder) {
    this(builder, 0);
  }

  /**
   * A fused layer configured by {@code builder} whose SoftLIF neurons get {@link SpikeNoise} of
   * {@code trainingNoiseHz} while training.
   */
  public FusedConvolutionLayer(ConvolutionLayer.Builder builder, double trainingNoiseHz) {
    super(builder);
    this.trainingNoiseHz = trainingNoiseHz;
  }

  /** Standard deviation of the training noise in Hz (0: none). */
  public double getTrainingNoiseHz() {
    return trainingNoiseHz;
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet(
        "FusedConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
    checkSupported();
    return RuntimeLayers.wire(
        new FusedConvolution(conf, networkDataType),
        initializer(),
        conf,
        listeners,
        layerIndex,
        layerParamsView,
        initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o)
        && o instanceof FusedConvolutionLayer f
        && f.trainingNoiseHz == trainingNoiseHz;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Double.hashCode(trainingNoiseHz);
  }

  private void checkSupported() {
    boolean square = getStride()[0] == getStride()[1];
    boolean noPadding = Arrays.equals(getPadding(), new int[] {0, 0});
    boolean noDilation = Arrays.equals(getDilation(), new int[] {1, 1});
    boolean mode = getConvolutionMode() != ConvolutionMode.Causal;
    if (!square || !noPadding || !noDilation || !mode || getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new IllegalArgumentException(
          "FusedConvolutionLayer computes only undilated NCHW convolutions of equal strides, valid"
              + " or same");
    }
    if (getKernelSize()[0] != getKernelSize()[1]) {
      throw new IllegalArgumentException("FusedConvolutionLayer needs a square kernel");
    }
  }
}
