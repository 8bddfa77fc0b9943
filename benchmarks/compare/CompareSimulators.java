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
 * <p>Arguments: model, images, rounds, then for each of the two checkouts its folder (built, with
 * its driver/target/local-classpath.txt) and the folder of SimulatorRun compiled against it.
 */
public class CompareSimulators {
  public static void main(String[] args) throws Exception {
    String model = args[0];
    int images = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    List<String> checkouts = List.of(args[3], args[5]);
    List<LongSupplier> runs =
        List.of(load(args[3], args[4], model, images), load(args[5], args[6], model, images));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] seconds = new double[2][rounds];
    long[] checks = new long[2];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        long start = threads.getCurrentThreadCpuTime();
        checks[k] = runs.get(k).getAsLong();
        seconds[k][r] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
      }
    }
    for (int k = 0; k < 2; k++) {
      double[] sorted = seconds[k].clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%s: best %.0f, median %.0f image-steps/s, checksum %x%n",
          checkouts.get(k),
          images * 30 / sorted[0],
          images * 30 / sorted[rounds / 2],
          checks[k]);
    }
    double[] ratios = new double[rounds - 2]; // the first two rounds warm the JIT up
    for (int r = 2; r < rounds; r++) {
      ratios[r - 2] = seconds[0][r] / seconds[1][r];
    }
    Arrays.sort(ratios);
    System.out.printf(
        "%s against %s, per round: min %.3fx, median %.3fx, max %.3fx; %s%n",
        checkouts.get(1),
        checkouts.get(0),
        ratios[0],
        ratios[ratios.length / 2],
        ratios[ratios.length - 1],
        checks[0] == checks[1] ? "same spikes and predictions" : "SPIKES OR PREDICTIONS DIFFER");
  }

  private static LongSupplier load(String checkout, String classes, String model, int images)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Path.of(classes).toUri().toURL());
    urls.add(Path.of(checkout, "driver/target/snn-spark-driver-0.1.0-SNAPSHOT.jar").toUri().toURL());
    String classpath = Files.readString(Path.of(checkout, "driver/target/local-classpath.txt"));
    for (String entry : classpath.trim().split(":")) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    ClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    return (LongSupplier)
        loader
            .loadClass("SimulatorRun")
            .getConstructor(String.class, String.class, int.class)
            .newInstance(model, checkout + "/data/mnist", images);
  }
}
