package snnspark.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;

/** The per-layer view of the flat parameters reads what DL4J's own layers hold. */
class TrainedWeightsTest {
  @Test
  void eachLayersWeightsAndBiasesAreDl4jsOwn() {
    for (SnnArchitecture arch :
        List.of(
            SnnArchitecture.TUTORIAL,
            SnnArchitecture.of(
                SnnArchitectureTest.DEEP, new InputShape(15, 13, 2), 3, NeuronParams.TUTORIAL))) {
      MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(arch, 9));
      net.init();
      TrainedWeights trained = TrainedWeights.of(arch, net.params());
      int[] dl4j = Dl4jNetworks.layerIndices(arch);
      List<LayerShape> layers = arch.layers();
      for (int i = 0; i < layers.size(); i++) {
        Layer layer = net.getLayer(dl4j[i]);
        if (layers.get(i).parameters() == 0) {
          int pool = i;
          assertThrows(IllegalArgumentException.class, () -> trained.layer(pool));
          continue;
        }
        String name = arch.describe() + " layer " + layers.get(i).name();
        assertArrayEquals(FloatArrays.flat(layer.getParam("W")), trained.layer(i).weights(), name);
        assertArrayEquals(FloatArrays.flat(layer.getParam("b")), trained.layer(i).bias(), name);
      }
    }
  }
}
