package snnspark.worker.spark;

import org.apache.spark.util.AccumulatorV2;
import snnspark.worker.sim.EvaluationStats;

/**
 * The statistics of a spiking evaluation gathered as a side result of a job that writes per-image
 * predictions, so one pass gives both. Spark adds a result task's updates once, however often the
 * task ran.
 */
public final class StatsAccumulator extends AccumulatorV2<EvaluationStats, EvaluationStats> {
  private static final long serialVersionUID = 1L;

  private final int steps;
  private final int classes;
  private final int[] neuronsPerImage;
  private EvaluationStats stats;

  /** Empty statistics of {@code steps} steps for a network of this shape. */
  public StatsAccumulator(int steps, int classes, int[] neuronsPerImage) {
    this.steps = steps;
    this.classes = classes;
    this.neuronsPerImage = neuronsPerImage.clone();
    this.stats = EvaluationStats.empty(steps, classes, neuronsPerImage);
  }

  @Override
  public boolean isZero() {
    return stats.images() == 0;
  }

  @Override
  public AccumulatorV2<EvaluationStats, EvaluationStats> copy() {
    StatsAccumulator copy = new StatsAccumulator(steps, classes, neuronsPerImage);
    copy.stats.merge(stats);
    return copy;
  }

  @Override
  public void reset() {
    stats = EvaluationStats.empty(steps, classes, neuronsPerImage);
  }

  @Override
  public void add(EvaluationStats batch) {
    stats.merge(batch);
  }

  @Override
  public void merge(AccumulatorV2<EvaluationStats, EvaluationStats> other) {
    stats.merge(other.value());
  }

  @Override
  public EvaluationStats value() {
    return stats;
  }
}
