import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Two checkouts' event-driven simulators in one JVM, each behind its own class loader, taking turns
 * on the same images: a pass of one, then a pass of the other, for a number of rounds. A shared
 * machine's speed drifts by 10-30% over minutes, far more than most changes; within a round both
 * see the same drift, so the per-round ratio of their thread CPU times measures the change.
 *
 * <p>Arguments: model, images, rounds (at least 3: the first two warm the JIT up and are not
 * counted), then for each of the two checkouts its folder, its driver jar and the folder of
 * SimulatorRun compiled against it. The checksum covers every image's prediction and per-layer
 * spike count.
 */
public class CompareSimulators {
  public static void main(String[] args) throws Exception {
    String model = args[0];
    int images = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    if (images < 1 || rounds < 3) {
      throw new IllegalArgumentException("need images >= 1 and rounds >= 3");
    }
    List<String> checkouts = List.of(args[3], args[6]);
    List<ClassLoader> loaders =
        List.of(loader(args[3], args[4], args[5]), loader(args[6], args[7], args[8]));
    List<LongSupplier> runs = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      runs.add(load(loaders.get(k), checkouts.get(k), model, images));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] seconds = new double[2][rounds];
    long[] checks = new long[2];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        Thread.currentThread().setContextClassLoader(loaders.get(k));
        long start = threads.getCurrentThreadCpuTime();
        checks[k] = runs.get(k).getAsLong();
        seconds[k][r] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
      }
    }
    for (int k = 0; k < 2; k++) {
      double[] sorted = Arrays.copyOfRange(seconds[k], 2, rounds);
      Arrays.sort(sorted);
      System.out.printf(
          "%s: best %.0f, median %.0f image-steps/s on one thread, checksum %x%n",
          checkouts.get(k),
          images * 30 / sorted[0],
          images * 30 / sorted[sorted.length / 2],
          checks[k]);
    }
    double[] ratios = new double[rounds - 2]; // the first two rounds warm the JIT up
    for (int r = 2; r < rounds; r++) {
      ratios[r - 2] = seconds[0][r] / seconds[1][r];
    }
    Arrays.sort(ratios);
    System.out.printf(
        "speed-up of %s over %s, per round: min %.3fx, median %.3fx, max %.3fx; %s%n",
        checkouts.get(1),
        checkouts.get(0),
        ratios[0],
        ratios[ratios.length / 2],
        ratios[ratios.length - 1],
        checks[0] == checks[1] ? "same spikes and predictions" : "SPIKES OR PREDICTIONS DIFFER");
  }

  private static ClassLoader loader(String checkout, String driverJar, String classes)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Path.of(classes).toUri().toURL());
    urls.add(Path.of(driverJar).toUri().toURL());
    String classpath = Files.readString(Path.of(checkout, "driver/target/local-classpath.txt"));
    for (String entry : classpath.trim().split(":")) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static LongSupplier load(ClassLoader loader, String checkout, String model, int images)
      throws Exception {
    Thread.currentThread().setContextClassLoader(loader);
    return (LongSupplier)
        loader
            .loadClass("SimulatorRun")
            .getConstructor(String.class, String.class, int.class)
            .newInstance(model, checkout + "/data/mnist", images);
  }
}
