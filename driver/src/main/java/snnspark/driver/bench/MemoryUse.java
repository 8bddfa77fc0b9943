package snnspark.driver.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Peak memory of this JVM, for the benchmarks: the heap's peak (the sum of its pools' peaks, an
 * upper bound) and the peak resident set (Linux's VmHWM), which also counts ND4J's off-heap buffers
 * and the native libraries. In local mode the driver and the executors are this one JVM.
 *
 * @param peakHeapBytes sum of the heap pools' peak use
 * @param peakResidentBytes peak resident set size, empty where /proc/self/status is missing
 */
public record MemoryUse(long peakHeapBytes, Optional<Long> peakResidentBytes) {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final double GIB = 1024.0 * 1024 * 1024;

  /** This JVM's peaks so far. */
  public static MemoryUse ofThisJvm() {
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    return new MemoryUse(heap, peakResident());
  }

  /** VmHWM of /proc/self/status, in bytes. */
  private static Optional<Long> peakResident() {
    try {
      return Files.readAllLines(STATUS).stream()
          .filter(line -> line.startsWith("VmHWM:"))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
          .findFirst();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** One line for a benchmark's output. */
  public String line() {
    String resident =
        peakResidentBytes
            .map(bytes -> String.format(Locale.ROOT, "%.2f GiB", bytes / GIB))
            .orElse("not known on this system");
    return String.format(
        Locale.ROOT,
        "memory of this JVM (driver and, in local mode, the executors): peak heap %.2f GiB, peak"
            + " resident %s",
        peakHeapBytes / GIB,
        resident);
  }
}
