package snnspark.worker;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Conversions between ND4J arrays and the plain float arrays the simulators work on. */
public final class FloatArrays {
  private FloatArrays() {}

  /** Any array's values as float32, in C (row-major) order. */
  public static float[] flat(INDArray array) {
    return array.dup('c').reshape(array.length()).toFloatVector();
  }
}
