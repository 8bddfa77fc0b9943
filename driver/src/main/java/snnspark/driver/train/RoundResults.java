package snnspark.driver.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A training round's results, collected to the driver in partition order as {@code JavaRDD.collect}
 * would, but cheaper in two ways.
 *
 * <p>Without its closure: Spark's {@code ClosureCleaner} reads and parses the class file of the
 * class that defined a Scala closure at every job, and {@code collect}'s is defined in {@code RDD},
 * one of Spark's largest classes: inflated from the jar and parsed by ASM, that took about a tenth
 * of the driver's time in a training (async-profiler, wall clock), once per round while the
 * executors waited. A function of a named class is not a closure, so Spark only checks it is
 * serializable.
 *
 * <p>Without serializing a task's result when the task runs in the driver's JVM (local mode): Spark
 * serializes every task result, and a round's (each worker's parameters and updater state) took
 * five copies on its way to the driver (docs/performance.md, "A round's results in memory"). Such a
 * task leaves its list in memory, under its job and partition, and returns a marker. It does so
 * only where this class is the very one the driver loaded, which a random identity drawn once per
 * loaded class proves; an executor of its own JVM, or of another class loader, ships the list as
 * before.
 */
final class RoundResults {
  /** This loaded class's identity: a task sees the driver's only when it shares this class. */
  private static final String CLASS_IDENTITY = UUID.randomUUID().toString();

  private static final AtomicLong JOBS = new AtomicLong();

  /**
   * Lists left by tasks for the driver, by job and partition, while the job runs: a task of a job
   * that has ended (failed, or its attempt outlived the job) leaves nothing behind.
   */
  private static final Map<Long, Map<Integer, List<?>>> HANDED = new ConcurrentHashMap<>();

  private RoundResults() {}

  /** Every element of {@code rdd}, partition after partition. */
  static <T> List<T> collect(JavaRDD<T> rdd) {
    RDD<T> scalaRdd = rdd.rdd();
    int partitions = scalaRdd.getNumPartitions();
    long job = JOBS.incrementAndGet();
    List<Object> indices = new ArrayList<>(partitions);
    List<List<T>> parts = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      indices.add(p);
      parts.add(null); // set by Keep as each partition's list arrives
    }
    Seq<Object> which = JavaConverters.asScalaBuffer(indices).toSeq();
    ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
    HANDED.put(job, new ConcurrentHashMap<>());
    try {
      scalaRdd
          .context()
          .runJob(
              scalaRdd,
              new PartitionAsList<T>(CLASS_IDENTITY, job),
              which,
              new Keep<>(job, parts),
              tag);
    } finally {
      HANDED.remove(job);
    }
    List<T> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  /** The lists tasks have left and the driver has not taken: none once every job has ended. */
  static int waiting() {
    return HANDED.values().stream().mapToInt(Map::size).sum();
  }

  /** What a task returns in place of a list it left in this JVM. */
  private static final class Handed implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Handed INSTANCE = new Handed();
  }

  /** Runs on the executors: one partition's elements as a list, or {@link Handed}. */
  private static final class PartitionAsList<T>
      extends AbstractFunction2<TaskContext, Iterator<T>, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String driverClass;
    private final long job;

    PartitionAsList(String driverClass, long job) {
      this.driverClass = driverClass;
      this.job = job;
    }

    @Override
    public Object apply(TaskContext context, Iterator<T> elements) {
      ArrayList<T> list = new ArrayList<>();
      while (elements.hasNext()) {
        list.add(elements.next());
      }
      if (!driverClass.equals(CLASS_IDENTITY)) {
        return list;
      }
      int partition = context.partitionId();
      HANDED.computeIfPresent(
          job,
          (id, lists) -> {
            lists.put(partition, list);
            return lists;
          });
      return Handed.INSTANCE;
    }
  }

  /** Runs on the driver: keeps each partition's list at its index. */
  private static final class Keep<T> extends AbstractFunction2<Object, Object, BoxedUnit> {
    private final long job;
    private final List<List<T>> parts;

    Keep(long job, List<List<T>> parts) {
      this.job = job;
      this.parts = parts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public BoxedUnit apply(Object partition, Object result) {
      int index = (Integer) partition;
      List<T> list =
          result instanceof Handed ? (List<T>) HANDED.get(job).remove(index) : (List<T>) result;
      if (list == null) {
        throw new IllegalStateException("partition " + index + " left no result");
      }
      parts.set(index, list);
      return BoxedUnit.UNIT;
    }
  }
}
