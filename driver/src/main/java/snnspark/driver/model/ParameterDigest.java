package snnspark.driver.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.driver.io.Sha256;
import snnspark.worker.FloatArrays;

/**
 * The SHA-256 of a network's parameters: DL4J's flattened parameter vector ({@code
 * network.params()}, in DL4J's order) as IEEE float32, little-endian. Two runs trained the same
 * weights to the bit exactly when their digests are equal, whatever the zip around them holds
 * (updater state, file timestamps).
 */
public final class ParameterDigest {
  private ParameterDigest() {}

  /** The digest of {@code params}, 64 lower-case hex digits. */
  public static String of(INDArray params) {
    float[] values = FloatArrays.flat(params);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    return Sha256.of(bytes.array());
  }
}
