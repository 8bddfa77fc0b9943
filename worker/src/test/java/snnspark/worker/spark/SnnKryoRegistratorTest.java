package snnspark.worker.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.sim.SimulationConfig;

/** Spark's Kryo with the project's registrator carries arrays and records intact. */
class SnnKryoRegistratorTest {
  private final SerializerInstance kryo =
      new KryoSerializer(
              new SparkConf().set("spark.kryo.registrator", SnnKryoRegistrator.class.getName()))
          .newInstance();

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  @Test
  void arraysOfEveryLayoutRoundTrip() {
    INDArray matrix = Nd4j.linspace(DataType.FLOAT, 1, 24, 1).reshape('c', 2, 3, 4);
    for (INDArray array :
        new INDArray[] {
          matrix,
          matrix.permute(2, 0, 1), // a view in another order
          matrix.slice(1), // a view at an offset
          matrix.dup('f'),
          Nd4j.scalar(3.5),
          Nd4j.create(DataType.DOUBLE, 0),
          Nd4j.linspace(DataType.DOUBLE, -1, 1, 7)
        }) {
      INDArray copy = roundTrip(array);
      assertEquals(array, copy, "shape " + java.util.Arrays.toString(array.shape()));
      assertEquals(array.dataType(), copy.dataType());
    }
  }

  @Test
  void recordsRoundTrip() {
    assertEquals(SnnArchitecture.SEED, roundTrip(SnnArchitecture.SEED));
    assertEquals(SimulationConfig.seed(30), roundTrip(SimulationConfig.seed(30)));
  }
}
