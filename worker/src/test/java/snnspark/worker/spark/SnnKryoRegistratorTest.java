package snnspark.worker.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;
import snnspark.datasets.Dataset;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.neuron.NeuronParams;
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
          Nd4j.linspace(DataType.DOUBLE, -1, 1, 7),
          // more bytes than one chunk, and not a multiple of it
          Nd4j.rand(DataType.FLOAT, 3, SnnKryoRegistrator.ArraySerializer.CHUNK / 4 + 5)
        }) {
      INDArray copy = roundTrip(array);
      assertEquals(array, copy, "shape " + Arrays.toString(array.shape()));
      assertEquals(array.dataType(), copy.dataType());
    }
  }

  /** One sample of every registered record. */
  private static Map<Class<?>, Object> samples() {
    Dataset images =
        Dataset.labelled(
            "sample",
            2,
            2,
            3,
            new byte[] {0, 1, 2, 3, 4, (byte) 255, 6, 7, 8, 9, 10, 11},
            new byte[] {3, 9});
    return Map.of(
        Dataset.class,
        images,
        IndexedBatch.class,
        new IndexedBatch(40, images),
        TrainedWeights.class,
        new TrainedWeights(SnnArchitecture.TUTORIAL, new float[] {1.5f, -2, 0}),
        SimulationConfig.class,
        SimulationConfig.tutorial(30).withSynapse(0.005),
        NeuronParams.class,
        NeuronParams.TUTORIAL,
        SnnArchitecture.class,
        SnnArchitecture.TUTORIAL);
  }

  @Test
  void everyRegisteredRecordRoundTrips() {
    Map<Class<?>, Object> samples = samples();
    assertEquals(Set.copyOf(SnnKryoRegistrator.RECORDS), samples.keySet(), "a sample per record");
    for (Object sample : samples.values()) {
      Object copy = roundTrip(sample);
      if (sample instanceof TrainedWeights weights) {
        TrainedWeights back = (TrainedWeights) copy;
        assertEquals(weights.architecture(), back.architecture());
        assertArrayEquals(weights.params(), back.params());
      } else if (sample instanceof IndexedBatch batch) {
        assertEquals(batch.firstIndex(), ((IndexedBatch) copy).firstIndex());
        assertEquals(batch.images(), ((IndexedBatch) copy).images());
      } else {
        assertEquals(sample, copy, sample.getClass().getSimpleName());
      }
    }
  }
}
