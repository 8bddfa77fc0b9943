package snnspark.driver.train;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag$;

/**
 * A round's broadcast for tasks that run in the driver's JVM (a {@code local} master): they read
 * the driver's object from memory, as they read a Spark broadcast's there, without the copy Spark
 * writes for remote executors. {@code TorrentBroadcast} serializes every value it broadcasts into
 * blocks, also where no executor will ever fetch them; for the tutorial's network that was the
 * parameters and AdaDelta state, 7.2 MB, once per round while the executors waited
 * (docs/performance.md, "A round's parameters in memory").
 *
 * <p>Open for one round: {@link #close} drops the value once the round's job has ended. A task
 * finds the value only where this class is the very one the driver loaded (a random identity drawn
 * once per loaded class, as {@link RoundResults} proves it), and fails plainly anywhere else: an
 * executor of its own JVM needs a Spark broadcast, which the caller chooses for any master that is
 * not {@code local}.
 */
final class HandedBroadcast<T> extends Broadcast<T> implements AutoCloseable {
  private static final long serialVersionUID = 1L;

  /** This loaded class's identity: a task sees the driver's values only when it shares it. */
  private static final String CLASS_IDENTITY = UUID.randomUUID().toString();

  /** Negative, so that no id of Spark's own broadcasts (counted from 0) is taken twice in logs. */
  private static final AtomicLong IDS = new AtomicLong();

  private static final Map<Long, Object> OPEN = new ConcurrentHashMap<>();

  private final String driverClass = CLASS_IDENTITY;

  private HandedBroadcast(long id) {
    super(id, ClassTag$.MODULE$.apply(Object.class));
  }

  /** Hands {@code value} to this JVM's tasks until {@link #close}. */
  static <T> HandedBroadcast<T> of(T value) {
    HandedBroadcast<T> broadcast = new HandedBroadcast<>(-IDS.incrementAndGet());
    OPEN.put(broadcast.id(), value);
    return broadcast;
  }

  /** The values handed and not yet closed: none once every round has ended. */
  static int open() {
    return OPEN.size();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T getValue() {
    Object value = driverClass.equals(CLASS_IDENTITY) ? OPEN.get(id()) : null;
    if (value == null) {
      throw new IllegalStateException(
          "broadcast "
              + id()
              + " was handed in the driver's memory and is not there: it is read only by tasks"
              + " of a local master during its round");
    }
    return (T) value;
  }

  @Override
  public void doUnpersist(boolean blocking) {
    // Nothing was stored outside the driver's map.
  }

  @Override
  public void doDestroy(boolean blocking) {
    close();
  }

  @Override
  public void close() {
    OPEN.remove(id());
  }
}
