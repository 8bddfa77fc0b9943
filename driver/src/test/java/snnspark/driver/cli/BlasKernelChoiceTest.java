package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.TestProcess;
import snnspark.worker.spark.BlasKernel;

/**
 * {@code deploy/blas-kernel}: the OpenBLAS kernel the project gives its JVMs, from the CPU's
 * instruction sets or {@code SNN_BLAS_KERNEL}; and this test JVM, started through {@code
 * deploy/test-jvm/bin/java}, runs the kernel it chose.
 */
class BlasKernelChoiceTest {
  private static final Path ROOT = Path.of(System.getProperty("snnspark.project.root", ".."));
  private static final String AVX512 =
      "fpu sse sse2 ssse3 sse4_1 sse4_2 avx fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl";

  @TempDir Path dir;

  @Test
  void widestInstructionSetWins() throws Exception {
    assertEquals("SkylakeX", choose(cpu(AVX512), Map.of()).text().strip());
    assertEquals("Haswell", choose(cpu("sse sse2 avx fma avx2 bmi2"), Map.of()).text().strip());
    assertEquals("Sandybridge", choose(cpu("sse sse2 sse4_2 avx"), Map.of()).text().strip());
    // AVX-512 without BW/VL (Knights Landing) has no SkylakeX kernel: Haswell's.
    assertEquals("Haswell", choose(cpu("avx fma avx2 avx512f avx512cd"), Map.of()).text().strip());
    assertEquals("", choose(cpu("sse sse2 sse3"), Map.of()).text().strip(), "OpenBLAS decides");
    assertEquals("", choose(dir.resolve("none"), Map.of()).text().strip(), "not x86 Linux");
  }

  @Test
  void overrideWinsOrLeavesItToOpenBlas() throws Exception {
    assertEquals("Zen", choose(cpu(AVX512), Map.of("SNN_BLAS_KERNEL", "Zen")).text().strip());
    assertEquals("", choose(cpu(AVX512), Map.of("SNN_BLAS_KERNEL", "auto")).text().strip());
    TestProcess.Output bad = choose(cpu(AVX512), Map.of("SNN_BLAS_KERNEL", "Skylake X"));
    assertEquals(2, bad.exitCode());
    assertEquals(1, bad.text().strip().lines().count(), bad.text());
    assertTrue(bad.text().startsWith("snn: SNN_BLAS_KERNEL must be"), bad.text());
  }

  @Test
  void testJvmsRunTheChosenKernel() throws Exception {
    String chosen = choose(Path.of("/proc/cpuinfo"), Map.of()).text().strip();
    String loaded = BlasKernel.loaded().core();
    System.out.println("deploy/blas-kernel chose '" + chosen + "'; this JVM loaded " + loaded);
    assumeTrue(!chosen.isEmpty(), "deploy/blas-kernel leaves this CPU's kernel to OpenBLAS");
    assumeTrue(System.getenv("SNN_BLAS_KERNEL") == null, "SNN_BLAS_KERNEL overrides the choice");
    assertEquals(chosen.toLowerCase(Locale.ROOT), loaded.toLowerCase(Locale.ROOT));
  }

  private Path cpu(String flags) throws Exception {
    Path file = Files.createTempFile(dir, "cpuinfo", "");
    Files.writeString(file, "processor\t: 0\nflags\t\t: " + flags + "\n");
    return file;
  }

  private static TestProcess.Output choose(Path cpuinfo, Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("SNN_CPUINFO", cpuinfo.toString());
    all.putIfAbsent("SNN_BLAS_KERNEL", "");
    return TestProcess.start(List.of(ROOT.resolve("deploy/blas-kernel").toString()), all).finish(1);
  }
}
