package snnspark.driver.evaluate;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import snnspark.worker.Stopwatch;

/**
 * Console progress of the spiking evaluation: partitions done and image-steps per second, from
 * Spark's task-end events (partitions hold equal shares of the images). Only the simulating stage
 * counts: with many partitions, {@code treeReduce} merges their results in a stage of its own,
 * which runs after the simulating stage has ended, so the first task to end is one of the
 * simulating stage's.
 */
final class EvaluationProgress extends SparkListener {
  private final int partitions;
  private final long imageSteps;
  private final Consumer<String> log;
  private final Stopwatch start = Stopwatch.start();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger simulatingStage = new AtomicInteger(-1);

  EvaluationProgress(int partitions, long imageSteps, Consumer<String> log) {
    this.partitions = partitions;
    this.imageSteps = imageSteps;
    this.log = log;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    simulatingStage.compareAndSet(-1, taskEnd.stageId());
    if (!taskEnd.taskInfo().successful() || taskEnd.stageId() != simulatingStage.get()) {
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
