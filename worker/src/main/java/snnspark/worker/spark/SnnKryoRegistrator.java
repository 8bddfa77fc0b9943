package snnspark.worker.spark;

import com.esotericsoftware.kryo.Kryo;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.datasets.Dataset;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.sim.SimulationConfig;

/**
 * Spark's Kryo setup for snn-spark ({@code spark.kryo.registrator}): a bulk serializer for every
 * INDArray, plus Java serialisation for this project's records, which the Kryo 4 inside Spark
 * cannot build (it cannot write a record's final fields).
 *
 * <p>nd4j-kryo's {@code Nd4jSerializer} goes through ND4J's stream format; parameter averaging
 * sends the parameters and AdaDelta state (7.2 MB) out and back every round, and profiling showed a
 * third of a round's time spent there. {@link ArraySerializer} copies the raw buffer instead.
 *
 * <p>Kryo's own {@code JavaSerializer} resolves classes through the JVM's application class loader,
 * which on a cluster executor does not hold the job's jar: every task failed there with {@code
 * ClassNotFoundException: snnspark.datasets.Dataset} (local mode, where driver and executor share
 * one class path, never showed it). {@link RecordSerializer} resolves them through Kryo's class
 * loader, which Spark sets to the one that has the job's jar.
 */
public final class SnnKryoRegistrator implements KryoRegistrator {
  /** The project's records that travel between driver and executors. */
  public static final List<Class<?>> RECORDS =
      List.of(
          Dataset.class,
          IndexedBatch.class,
          TrainedWeights.class,
          SimulationConfig.class,
          NeuronParams.class,
          SnnArchitecture.class);

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(INDArray.class, new ArraySerializer());
    for (Class<?> record : RECORDS) {
      kryo.register(record, new RecordSerializer());
    }
  }

  /** Java serialisation of one object, reading classes through Kryo's class loader. */
  static final class RecordSerializer extends com.esotericsoftware.kryo.Serializer<Object> {
    @Override
    public void write(Kryo kryo, com.esotericsoftware.kryo.io.Output output, Object object) {
      try {
        ObjectOutputStream out = new ObjectOutputStream(output);
        out.writeObject(object);
        out.flush();
      } catch (IOException e) {
        throw new com.esotericsoftware.kryo.KryoException("Java serialisation failed", e);
      }
    }

    @Override
    public Object read(Kryo kryo, com.esotericsoftware.kryo.io.Input input, Class<Object> type) {
      ClassLoader loader = kryo.getClassLoader();
      try {
        ObjectInputStream in =
            new ObjectInputStream(input) {
              @Override
              protected Class<?> resolveClass(ObjectStreamClass desc)
                  throws IOException, ClassNotFoundException {
                try {
                  return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                  return super.resolveClass(desc);
                }
              }
            };
        return in.readObject();
      } catch (IOException | ClassNotFoundException e) {
        throw new com.esotericsoftware.kryo.KryoException("Java deserialisation failed", e);
      }
    }
  }

  /**
   * An INDArray as its data type, shape and raw c-order buffer, copied in bulk. The bytes are in
   * the machine's order: driver and executors must share it (every x86-64 and AArch64 Linux does).
   */
  static final class ArraySerializer extends com.esotericsoftware.kryo.Serializer<INDArray> {
    /**
     * Bytes copied at a time between the native buffer and Kryo's stream. A whole-array copy made a
     * second 7 MB array on the heap per worker and direction at every round: G1 allocates arrays
     * that size outside the young generation, and their allocation started collections.
     */
    static final int CHUNK = 64 * 1024;

    @Override
    public void write(Kryo kryo, com.esotericsoftware.kryo.io.Output output, INDArray array) {
      INDArray a = array;
      if (a.isView() || a.ordering() != 'c' || a.offset() != 0 || a.data().length() != a.length()) {
        a = a.dup('c');
      }
      output.writeString(a.dataType().name());
      long[] shape = a.shape();
      output.writeInt(shape.length, true);
      for (long size : shape) {
        output.writeLong(size, true);
      }
      int size = Math.toIntExact(a.length() * a.dataType().width());
      output.writeInt(size, true);
      if (size == 0) {
        return; // an empty array has no buffer at all
      }
      ByteBuffer buffer = a.data().asNio();
      byte[] chunk = new byte[Math.min(size, CHUNK)];
      for (int at = 0; at < size; at += chunk.length) {
        int n = Math.min(chunk.length, size - at);
        buffer.get(at, chunk, 0, n);
        output.writeBytes(chunk, 0, n);
      }
    }

    @Override
    public INDArray read(
        Kryo kryo, com.esotericsoftware.kryo.io.Input input, Class<INDArray> type) {
      DataType dataType = DataType.valueOf(input.readString());
      long[] shape = new long[input.readInt(true)];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = input.readLong(true);
      }
      int size = input.readInt(true);
      INDArray array = Nd4j.createUninitializedDetached(dataType, 'c', shape);
      if (size == 0) {
        return array;
      }
      ByteBuffer buffer = array.data().asNio();
      byte[] chunk = new byte[Math.min(size, CHUNK)];
      for (int at = 0; at < size; at += chunk.length) {
        int n = Math.min(chunk.length, size - at);
        input.readBytes(chunk, 0, n);
        buffer.put(at, chunk, 0, n);
      }
      return array;
    }
  }
}
