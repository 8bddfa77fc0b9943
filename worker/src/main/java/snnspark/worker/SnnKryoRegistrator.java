package snnspark.worker;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;

/**
 * Spark's Kryo setup for snn-spark ({@code spark.kryo.registrator}): ND4J's serializer for every
 * INDArray (nd4j-kryo 1.0.0-M2 ships the serializer but no registrator), plus Java serialisation
 * for this project's records, which the Kryo 4 inside Spark cannot build (it cannot write a
 * record's final fields).
 *
 * <p>Kryo's own {@code JavaSerializer} resolves classes through the JVM's application class loader,
 * which on a cluster executor does not hold the job's jar: every task failed there with {@code
 * ClassNotFoundException: snnspark.datasets.Dataset} (local mode, where driver and executor share
 * one class path, never showed it). {@link RecordSerializer} resolves them through Kryo's class
 * loader, which Spark sets to the one that has the job's jar.
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
      kryo.register(record, new RecordSerializer());
    }
  }

  /** Java serialisation of one object, reading classes through Kryo's class loader. */
  static final class RecordSerializer extends com.esotericsoftware.kryo.Serializer<Object> {
    @Override
    public void write(Kryo kryo, com.esotericsoftware.kryo.io.Output output, Object object) {
      try {
        java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(output);
        out.writeObject(object);
        out.flush();
      } catch (java.io.IOException e) {
        throw new com.esotericsoftware.kryo.KryoException("Java serialisation failed", e);
      }
    }

    @Override
    public Object read(Kryo kryo, com.esotericsoftware.kryo.io.Input input, Class<Object> type) {
      ClassLoader loader = kryo.getClassLoader();
      try {
        java.io.ObjectInputStream in =
            new java.io.ObjectInputStream(input) {
              @Override
              protected Class<?> resolveClass(java.io.ObjectStreamClass desc)
                  throws java.io.IOException, ClassNotFoundException {
                try {
                  return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                  return super.resolveClass(desc);
                }
              }
            };
        return in.readObject();
      } catch (java.io.IOException | ClassNotFoundException e) {
        throw new com.esotericsoftware.kryo.KryoException("Java deserialisation failed", e);
      }
    }
  }
}
