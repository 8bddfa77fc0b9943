package snnspark.driver.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import snnspark.worker.spark.BlasKernel;

/**
 * Where a run ran, as far as its bits depend on it: the driver's CPU and Java, the OpenBLAS kernel
 * the driver loaded and the one each executor loaded (kernels sum matrix products in different
 * orders, so runs compare bit for bit only on one kernel; docs/results.md, "Reproducibility").
 *
 * @param cpu the driver's processor, as {@code /proc/cpuinfo} names it (else the OS architecture)
 * @param cores processors the driver's JVM sees
 * @param java the driver's Java runtime
 * @param blasKernel the OpenBLAS kernel of the driver ({@link BlasKernel#UNKNOWN} when it cannot be
 *     asked)
 * @param executorBlasKernels the OpenBLAS kernel of each executor by executor id; empty in local
 *     mode, where the executors are the driver's threads
 */
public record Machine(
    String cpu,
    int cores,
    String java,
    String blasKernel,
    SortedMap<String, String> executorBlasKernels) {
  /** Sorts and copies the executors' kernels; absent (files from before) means none recorded. */
  public Machine {
    executorBlasKernels =
        executorBlasKernels == null
            ? new TreeMap<>()
            : new TreeMap<>(Map.copyOf(executorBlasKernels));
  }

  /** This JVM as the driver, with the kernels its executors reported. */
  public static Machine driver(Map<String, String> executorBlasKernels) {
    return new Machine(
        cpuName(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        BlasKernel.loaded().core(),
        new TreeMap<>(executorBlasKernels));
  }

  /** The executors whose kernel differs from the driver's, with theirs; empty when all agree. */
  public SortedMap<String, String> executorsOnAnotherKernel() {
    SortedMap<String, String> other = new TreeMap<>();
    executorBlasKernels.forEach(
        (executor, kernel) -> {
          if (!kernel.equals(blasKernel)) {
            other.put(executor, kernel);
          }
        });
    return other;
  }

  private static String cpuName() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch"); // not Linux: the architecture is all there is to say
    }
  }
}
