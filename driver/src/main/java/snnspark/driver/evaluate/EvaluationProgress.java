package snnspark.driver.evaluate;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import snnspark.worker.Stopwatch;

/**
 * Console progress of the spiking evaluation: partitions done and image-steps per second, from
 * Spark's task-end events (partitions hold equal shares of the images).
 */
final class EvaluationProgress extends SparkListener {
  private final int partitions;
  private final long imageSteps;
  private final Consumer<String> log;
  private final Stopwatch start = Stopwatch.start();
  private final AtomicInteger done = new AtomicInteger();

  EvaluationProgress(int partitions, long imageSteps, Consumer<String> log) {
    this.partitions = partitions;
    this.imageSteps = imageSteps;
    this.log = log;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!taskEnd.taskInfo().successful()) {
      return;
    }
    int finished = Math.min(done.incrementAndGet(), partitions);
    double seconds = start.seconds();
    log.accept(
        String.format(
            Locale.ROOT,
            "spiking evaluation: %d/%d partitions done, %.0f image-steps/s",
            finished,
            partitions,
            imageSteps * finished / (double) partitions / seconds));
  }
}
