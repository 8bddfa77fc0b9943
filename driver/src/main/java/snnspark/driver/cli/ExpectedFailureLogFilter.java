package snnspark.driver.cli;

import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.UserException;

/**
 * Keeps Spark's reports of a task that failed on bad input off the console: the CLI prints that
 * failure as its one line, so the executor's "Exception in task", the scheduler's "Lost task" and
 * "aborting job", and the writer's "Aborting job", each with a stack trace, only bury it. Other
 * failures are logged as before, and {@code --verbose} shows everything.
 */
final class ExpectedFailureLogFilter extends AbstractFilter {
  /** The exceptions whose message is meant for the user as is. */
  private static final Set<String> EXPECTED =
      Set.of(UserException.class.getName(), DatasetException.class.getName());

  /**
   * Loggers that report the same failure again as it travels up (the task's killed siblings, the
   * aborted stage and write job), quiet once an expected failure has been seen.
   */
  private static final Set<String> TASK_FAILURE_LOGGERS =
      Set.of(
          "org.apache.spark.executor.Executor",
          "org.apache.spark.scheduler.TaskSetManager",
          "org.apache.spark.scheduler.TaskSchedulerImpl",
          "org.apache.spark.scheduler.DAGScheduler",
          "org.apache.spark.sql.execution.datasources.FileFormatWriter",
          "org.apache.spark.sql.execution.datasources.FileFormatDataWriter",
          "org.apache.spark.internal.io.SparkHadoopWriter",
          "org.apache.spark.util.Utils");

  private static volatile boolean expectedFailureSeen;

  /**
   * Adds the filter to the root logger's configuration, where every event of Spark's loggers is
   * decided (a configuration-wide filter would see only the message, not the event).
   */
  static ExpectedFailureLogFilter install() {
    ExpectedFailureLogFilter filter = new ExpectedFailureLogFilter();
    filter.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().addFilter(filter);
    context.updateLoggers();
    return filter;
  }

  /** Takes the filter away again ({@code --verbose}). */
  void uninstall() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeFilter(this);
    context.updateLoggers();
  }

  /**
   * Whether a task has failed on bad input in this JVM: the job is then ending with the CLI's one
   * line, and what Spark's threads print as they are stopped is noise too.
   */
  static boolean expectedFailureSeen() {
    return expectedFailureSeen;
  }

  @Override
  public Filter.Result filter(LogEvent event) {
    if (isExpected(event)) {
      expectedFailureSeen = true;
      return Filter.Result.DENY;
    }
    if (expectedFailureSeen && TASK_FAILURE_LOGGERS.contains(event.getLoggerName())) {
      return Filter.Result.DENY;
    }
    return Filter.Result.NEUTRAL;
  }

  private static boolean isExpected(LogEvent event) {
    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
      if (EXPECTED.contains(t.getClass().getName())) {
        return true;
      }
    }
    // The scheduler logs a task's failure as text: "Lost task ... : <class>: <message>".
    String message = event.getMessage() == null ? "" : event.getMessage().getFormattedMessage();
    return EXPECTED.stream().anyMatch(message::contains);
  }
}
