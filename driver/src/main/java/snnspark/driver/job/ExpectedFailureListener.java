package snnspark.driver.job;

import java.util.Optional;
import java.util.Set;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.UserException;

/**
 * Ends a job at the first task that failed on bad input, instead of after {@code
 * spark.task.maxFailures} attempts: a truncated PNG stays truncated on every executor. The task's
 * message is kept for the CLI's one line, since a cancelled stage's exception no longer carries it.
 */
final class ExpectedFailureListener extends SparkListener {
  private static final Set<String> EXPECTED =
      Set.of(UserException.class.getName(), DatasetException.class.getName());

  /** The first expected failure of any task in this JVM; a CLI run has one SparkContext. */
  private static volatile UserException first;

  private final SparkContext sc;

  ExpectedFailureListener(SparkContext sc) {
    this.sc = sc;
  }

  /**
   * Forgets the failure of an earlier command in this JVM (tests, or a driver that runs several
   * commands), so a new command reports only its own.
   */
  static void forget() {
    first = null;
  }

  /** The first task failure on bad input in this JVM, as the user should read it. */
  static Optional<UserException> firstFailure() {
    return Optional.ofNullable(first);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.reason() instanceof ExceptionFailure failure
        && EXPECTED.contains(failure.className())) {
      synchronized (ExpectedFailureListener.class) {
        if (first == null) {
          first = new UserException(failure.description());
        }
      }
      sc.cancelStage(end.stageId(), failure.description());
    }
  }
}
