package snnspark.driver.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
 * would, but without its closure. Spark's {@code ClosureCleaner} reads and parses the class file of
 * the class that defined a Scala closure at every job, and {@code collect}'s is defined in {@code
 * RDD}, one of Spark's largest classes: inflated from the jar and parsed by ASM, that took about a
 * tenth of the driver's time in a training (async-profiler, wall clock), once per round while the
 * executors waited. A function of a named class is not a closure, so Spark only checks it is
 * serializable.
 */
final class RoundResults {
  private RoundResults() {}

  /** Every element of {@code rdd}, partition after partition. */
  static <T> List<T> collect(JavaRDD<T> rdd) {
    RDD<T> scalaRdd = rdd.rdd();
    int partitions = scalaRdd.getNumPartitions();
    List<Object> indices = new ArrayList<>(partitions);
    List<List<T>> parts = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      indices.add(p);
      parts.add(null); // set by Keep as each partition's list arrives
    }
    Seq<Object> which = JavaConverters.asScalaBuffer(indices).toSeq();
    ClassTag<ArrayList<T>> tag = ClassTag$.MODULE$.apply(ArrayList.class);
    scalaRdd.context().runJob(scalaRdd, new PartitionAsList<T>(), which, new Keep<>(parts), tag);
    List<T> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  /** Runs on the executors: one partition's elements as a list. */
  private static final class PartitionAsList<T>
      extends AbstractFunction2<TaskContext, Iterator<T>, ArrayList<T>> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public ArrayList<T> apply(TaskContext context, Iterator<T> elements) {
      ArrayList<T> list = new ArrayList<>();
      while (elements.hasNext()) {
        list.add(elements.next());
      }
      return list;
    }
  }

  /** Runs on the driver: keeps each partition's list at its index. */
  private static final class Keep<T> extends AbstractFunction2<Object, ArrayList<T>, BoxedUnit> {
    private final List<List<T>> parts;

    Keep(List<List<T>> parts) {
      this.parts = parts;
    }

    @Override
    public BoxedUnit apply(Object partition, ArrayList<T> list) {
      parts.set((Integer) partition, list);
      return BoxedUnit.UNIT;
    }
  }
}
