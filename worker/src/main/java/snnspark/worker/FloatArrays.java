package snnspark.worker;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Conversions between ND4J arrays and the plain float arrays the simulators work on. */
public final class FloatArrays {
  private FloatArrays() {}

  /**
   * Any array's values as float32, in C (row-major) order. The copy it takes on the way is freed at
   * once: ND4J frees off-heap memory only when the garbage collector collects its arrays.
   */
  public static float[] flat(INDArray array) {
    try (INDArray copy = array.dup('c')) {
      return copy.reshape(copy.length()).toFloatVector();
    }
  }
}
