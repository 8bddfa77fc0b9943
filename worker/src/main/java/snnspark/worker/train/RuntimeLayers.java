package snnspark.worker.train;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The wiring every DL4J layer configuration's {@code instantiate} gives the layer it builds. */
final class RuntimeLayers {
  private RuntimeLayers() {}

  /**
   * Gives {@code layer} its listeners, index, parameter view and parameters (initialised by {@code
   * initializer} when {@code initializeParams}) and its configuration, as DL4J's own layers do.
   */
  static Layer wire(
      Layer layer,
      ParamInitializer initializer,
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
