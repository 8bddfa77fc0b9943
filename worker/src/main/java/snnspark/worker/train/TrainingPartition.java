package snnspark.worker.train;

import org.apache.spark.TaskContext;

/**
 * Which Spark partition the current thread trains, for the seeded draws of dropout and noise: DL4J
 * Spark fits each worker's minibatches inside a Spark task, and its partition tells the workers
 * apart at the same iteration. Outside a Spark task (a plain DL4J fit) it is partition 0.
 */
final class TrainingPartition {
  private TrainingPartition() {}

  static int current() {
    TaskContext task = TaskContext.get();
    return task == null ? 0 : task.partitionId();
  }
}
