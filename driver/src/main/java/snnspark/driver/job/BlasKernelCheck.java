package snnspark.driver.job;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;
import snnspark.driver.model.Machine;
import snnspark.worker.spark.BlasKernel;

/**
 * Asks the executors which OpenBLAS kernel they loaded, so a job whose JVMs run different kernels
 * (and so train different bits) says so in one line instead of silently.
 */
final class BlasKernelCheck {
  /** Tasks per default-parallelism slot, so that most executors run one of them. */
  private static final int TASKS_PER_SLOT = 2;

  private BlasKernelCheck() {}

  /**
   * The driver's machine with its executors' kernels; warns through {@code warn} about each
   * executor on another kernel than the driver's. Local mode needs no job: its executors are the
   * driver's own threads.
   */
  static Machine run(JavaSparkContext sc, Consumer<String> warn) {
    Map<String, String> executors = sc.isLocal() ? Map.of() : executorKernels(sc);
    Machine machine = Machine.driver(executors);
    Map<String, String> other = machine.executorsOnAnotherKernel();
    if (!other.isEmpty()) {
      warn.accept(
          "snn: warning: executors "
              + other.entrySet().stream()
                  .map(e -> e.getKey() + " (" + e.getValue() + ")")
                  .collect(Collectors.joining(", "))
              + " run another OpenBLAS kernel than the driver ("
              + machine.blasKernel()
              + "): results will not match a run on one kernel bit for bit");
    }
    return machine;
  }

  private static Map<String, String> executorKernels(JavaSparkContext sc) {
    int tasks = Math.max(2, sc.defaultParallelism()) * TASKS_PER_SLOT;
    List<Integer> seeds = IntStream.range(0, tasks).boxed().toList();
    Map<String, String> kernels = new TreeMap<>();
    for (Tuple2<String, String> seen :
        sc.parallelize(seeds, tasks).mapPartitions(new AskKernel()).collect()) {
      kernels.put(seen._1(), seen._2());
    }
    return kernels;
  }

  /** On an executor: its id and the kernel its OpenBLAS loaded. */
  private static final class AskKernel
      implements FlatMapFunction<Iterator<Integer>, Tuple2<String, String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<String, String>> call(Iterator<Integer> ignored) {
      return List.of(new Tuple2<>(SparkEnv.get().executorId(), BlasKernel.loaded().core()))
          .iterator();
    }
  }
}
