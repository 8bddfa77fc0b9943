package snnspark.worker;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;

/**
 * Spark's Kryo setup for snn-spark ({@code spark.kryo.registrator}): ND4J's serializer for every
 * INDArray (nd4j-kryo 1.0.0-M2 ships the serializer but no registrator), plus Java serialisation
 * for this project's records, which the Kryo 4 inside Spark cannot build (it cannot write a
 * record's final fields).
 */
public final class SnnKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(INDArray.class, new Nd4jSerializer());
    for (Class<?> record :
        new Class<?>[] {
          Dataset.class,
          IndexedBatch.class,
          TrainedWeights.class,
          SimulationConfig.class,
          NeuronParams.class,
          SnnArchitecture.class
        }) {
      kryo.register(record, new JavaSerializer());
    }
  }
}
