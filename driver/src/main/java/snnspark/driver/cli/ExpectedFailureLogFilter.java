package snnspark.driver.cli;

import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.UserException;
import snnspark.driver.predict.TableReadFailures;

/**
 * Keeps Spark's reports of a task that failed on bad input (the project's own errors, or a table
 * reader's refusal of malformed content) off the console: the CLI prints that failure as its one
 * line, so the executor's "Exception in task", the scheduler's "Lost task" and "aborting job", and
 * the writer's "Aborting job", each with a stack trace, only bury it, and so does every library's
 * log line after it. Other failures are logged as before, and {@code --verbose} shows everything.
 */
final class ExpectedFailureLogFilter extends AbstractFilter {
  /** The exceptions whose message is meant for the user as is. */
  private static final Set<String> EXPECTED =
      Set.of(UserException.class.getName(), DatasetException.class.getName());

  /** This project's loggers, which stay audible after a task failed on bad input. */
  private static final String OWN_LOGGERS = "snnspark.";

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
    // Once a task failed on bad input the job is ending with the CLI's one line; what the
    // libraries log on the way (the task's killed siblings, the aborted stage and write job,
    // committers cleaning up files the aborted table already took away) says the same again.
    String logger = event.getLoggerName() == null ? "" : event.getLoggerName();
    if (expectedFailureSeen && !logger.startsWith(OWN_LOGGERS)) {
      return Filter.Result.DENY;
    }
    return Filter.Result.NEUTRAL;
  }

  private static boolean isExpected(LogEvent event) {
    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
      if (EXPECTED.contains(t.getClass().getName()) || TableReadFailures.isMalformed(t)) {
        return true;
      }
    }
    // The scheduler logs a task's failure as text: "Lost task ... : <class>: <message>".
    String message = event.getMessage() == null ? "" : event.getMessage().getFormattedMessage();
    return EXPECTED.stream().anyMatch(message::contains)
        || TableReadFailures.reportsMalformed(message);
  }
}
