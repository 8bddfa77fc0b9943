package snnspark.worker.spark;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The OpenBLAS kernel this JVM loaded, as OpenBLAS names it ({@code SkylakeX}, {@code Haswell},
 * {@code Prescott}...).
 *
 * <p>ND4J's OpenBLAS is built for every x86 core ({@code DYNAMIC_ARCH}) and picks one kernel when
 * the library loads: {@value #ENVIRONMENT} if set, else its own CPU detection, which falls back to
 * a generic kernel on CPUs newer than the library (AMD EPYC of family 26 with OpenBLAS 0.3.19).
 * Kernels block and sum matrix products differently, so two JVMs of one job that load different
 * kernels train different bits; measured here, {@code Haswell} and {@code Zen} sum alike, so do
 * {@code SkylakeX} and {@code Cooperlake}, and {@code Prescott} differs from both. The launchers
 * choose the kernel ({@code deploy/blas-kernel}), the driver passes the one it loaded to its
 * executors ({@code spark.executorEnv}), and every JVM can say which one it runs with this class.
 *
 * @param core OpenBLAS's name of the kernel, or {@link #UNKNOWN} where no OpenBLAS is loaded (the
 *     CUDA backend) or it cannot be asked (no Linux {@code /proc})
 */
public record BlasKernel(String core) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The environment variable OpenBLAS reads, once, when the library loads. */
  public static final String ENVIRONMENT = "OPENBLAS_CORETYPE";

  /** The core name when it cannot be found. */
  public static final String UNKNOWN = "unknown";

  /**
   * {@code dlopen} flags for the library ND4J already loaded: {@code RTLD_LAZY | RTLD_NOLOAD},
   * local, not JNA's default {@code RTLD_GLOBAL}. ND4J loads two OpenBLAS builds (with and without
   * LAPACK) that export the same symbols, and promoting one of them to the global namespace is not
   * harmless: with JNA's default flags a driver without {@code OMP_NUM_THREADS} (YARN's application
   * master) aborted after a short training, OpenBLAS saying it "was built to support a maximum of
   * 128 threads"; with these flags the same run completes.
   */
  private static final int NO_LOAD = 0x1 | 0x4;

  private static volatile BlasKernel loaded;

  /** Rejects a blank name. */
  public BlasKernel {
    if (core == null || core.isBlank()) {
      throw new IllegalArgumentException("an OpenBLAS core name is required");
    }
  }

  /** Whether OpenBLAS named its kernel, so another JVM can be told to load the same one. */
  public boolean known() {
    return !UNKNOWN.equals(core);
  }

  /**
   * The kernel of this JVM's OpenBLAS, loading ND4J first if nothing has yet (the answer never
   * changes after the library has loaded, so it is asked once).
   */
  public static BlasKernel loaded() {
    BlasKernel kernel = loaded;
    if (kernel == null) {
      synchronized (BlasKernel.class) {
        if (loaded == null) {
          loaded = ask();
        }
        kernel = loaded;
      }
    }
    return kernel;
  }

  private static BlasKernel ask() {
    Nd4j.getBackend(); // loads the native libraries, OpenBLAS among them on the CPU backend
    try {
      return library()
          .map(path -> NativeLibrary.getInstance(path, Map.of(Library.OPTION_OPEN_FLAGS, NO_LOAD)))
          .map(lib -> lib.getFunction("openblas_get_corename").invokeString(new Object[0], false))
          .filter(name -> !name.isBlank())
          .map(BlasKernel::new)
          .orElse(new BlasKernel(UNKNOWN));
    } catch (IOException | RuntimeException | LinkageError e) {
      return new BlasKernel(UNKNOWN); // nothing to compare against: the report says "unknown"
    }
  }

  /**
   * The OpenBLAS library file this process mapped (JavaCPP unpacks it into its cache, so its path
   * is not known in advance); JNA opens the same, already loaded, library by that path.
   */
  private static Optional<String> library() throws IOException {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(maps)) {
      return lines
          .filter(line -> line.contains("/libopenblas"))
          .map(line -> line.substring(line.indexOf('/')))
          .findFirst();
    }
  }
}
