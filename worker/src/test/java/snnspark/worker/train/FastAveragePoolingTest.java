package snnspark.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The fast average pooling gives DL4J's pooling layer's bits, forward and backward. */
class FastAveragePoolingTest {
  private static final int IMAGES = 3;
  private static final int CHANNELS = 2;
  // 7 x 6: the last row is beyond the last whole 2 x 2 tile and is dropped (Truncate).
  private static final int ROWS = 7;
  private static final int COLS = 6;

  private static SubsamplingLayer.Builder pooling() {
    return new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2);
  }

  private static MultiLayerNetwork network(SubsamplingLayer pool) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .dataType(DataType.FLOAT)
            .convolutionMode(ConvolutionMode.Truncate)
            .list()
            .layer(pool)
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(4)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(ROWS, COLS, CHANNELS))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  @Test
  void forwardAndBackwardGiveDl4jPoolingsBits() {
    MultiLayerNetwork dl4j = network(pooling().build());
    MultiLayerNetwork fast = network(new FastAveragePoolingLayer(pooling()));
    assertInstanceOf(FastAveragePooling.class, fast.getLayer(0));
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.randn(DataType.FLOAT, IMAGES, CHANNELS, ROWS, COLS);
    INDArray y = Nd4j.zeros(DataType.FLOAT, IMAGES, 4);
    for (int i = 0; i < IMAGES; i++) {
      y.putScalar(i, i % 4, 1);
    }
    INDArray pooledDl4j = dl4j.feedForward(x, true).get(1);
    INDArray pooledFast = fast.feedForward(x, true).get(1);
    assertArrayEquals(pooledDl4j.shape(), pooledFast.shape());
    assertArrayEquals(pooledDl4j.data().asFloat(), pooledFast.data().asFloat());

    INDArray gradDl4j = dl4j.calculateGradients(x, y, null, null).getSecond();
    INDArray gradFast = fast.calculateGradients(x, y, null, null).getSecond();
    assertArrayEquals(gradDl4j.shape(), gradFast.shape());
    assertArrayEquals(gradDl4j.dup('c').data().asFloat(), gradFast.dup('c').data().asFloat());
    assertEquals(0f, gradFast.getFloat(0, 0, ROWS - 1, 0), "dropped row gets no gradient");
  }

  @Test
  void equalsDl4jsLayerSoEitherPassesTheArchitectureCheck() {
    SubsamplingLayer fast = new FastAveragePoolingLayer(pooling());
    SubsamplingLayer dl4j = pooling().build();
    assertEquals(dl4j, fast);
    assertEquals(fast, dl4j);
  }

  @Test
  void survivesTheSavedConfiguration() {
    MultiLayerConfiguration conf =
        network(new FastAveragePoolingLayer(pooling())).getLayerWiseConfigurations();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertInstanceOf(FastAveragePoolingLayer.class, back.getConf(0).getLayer());
  }
}
