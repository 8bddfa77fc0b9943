package snnspark.worker.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The kernel OpenBLAS reports is the one the test JVM was started with (deploy/test-jvm). */
class BlasKernelTest {
  @Test
  void reportsTheKernelTheEnvironmentAskedFor() {
    BlasKernel kernel = BlasKernel.loaded();
    System.out.println("OpenBLAS kernel of this JVM: " + kernel.core());
    assertTrue(kernel.known(), "the CPU backend's OpenBLAS names its kernel on Linux");
    String asked = System.getenv(BlasKernel.ENVIRONMENT);
    if (asked != null) {
      // OpenBLAS matches the name without regard to case and reports its own spelling
      // (CooperLake -> Cooperlake).
      assertEquals(asked.toLowerCase(Locale.ROOT), kernel.core().toLowerCase(Locale.ROOT));
    }
    assertEquals(kernel, BlasKernel.loaded());
  }

  @Test
  void refusesABlankName() {
    assertThrows(IllegalArgumentException.class, () -> new BlasKernel(" "));
  }
}
