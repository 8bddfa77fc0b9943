package snnspark.driver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmarks' memory line reads real peaks of this JVM. */
class MemoryUseTest {
  @Test
  void peaksOfThisJvm() {
    byte[][] held = new byte[16][];
    for (int i = 0; i < held.length; i++) {
      held[i] = new byte[1 << 20]; // 16 MiB the heap must have held at once
    }
    MemoryUse use = MemoryUse.ofThisJvm();
    assertTrue(use.peakHeapBytes() >= 16L << 20, "peak heap " + use.peakHeapBytes());
    assertEquals(Files.exists(Path.of("/proc/self/status")), use.peakResidentBytes().isPresent());
    use.peakResidentBytes().ifPresent(rss -> assertTrue(rss >= 16L << 20, "peak resident " + rss));
    assertTrue(use.line().contains("peak heap"), use.line());
    Reference.reachabilityFence(held);
  }
}
