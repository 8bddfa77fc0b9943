package snnspark.worker;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the driver broadcasts to executors: the architecture and its trained parameters as plain
 * float32 (DL4J's flat parameter order), so executors need no model file and no DL4J serialisation.
 *
 * @param architecture the network the parameters belong to
 * @param params DL4J's flattened parameter vector
 */
public record TrainedWeights(SnnArchitecture architecture, float[] params) implements Serializable {

  /** Copies the parameters of a trained network. */
  public static TrainedWeights of(SnnArchitecture architecture, INDArray params) {
    return new TrainedWeights(architecture, FloatArrays.flat(params));
  }

  /** The parameters as an ND4J row vector. */
  public INDArray paramsArray() {
    return Nd4j.create(params, new long[] {1, params.length}, 'c');
  }
}
