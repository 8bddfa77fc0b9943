package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * The console drops Spark's messages that a successful run's user can do nothing about, and only
 * those: the other warnings of the same loggers still show.
 */
class LogConfigTest {
  private static boolean shown(String logger, Level level, String message) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig config = context.getConfiguration().getLoggerConfig(logger);
    Log4jLogEvent event =
        Log4jLogEvent.newBuilder()
            .setLoggerName(logger)
            .setLevel(level)
            .setMessage(new SimpleMessage(message))
            .build();
    return config.getLevel().isLessSpecificThan(level) && !config.isFiltered(event);
  }

  @Test
  void dropsTheShutdownHeartbeatRaceAndPlanSizeHintsOnly() {
    String executor = "org.apache.spark.executor.Executor";
    String dag = "org.apache.spark.scheduler.DAGScheduler";
    assertFalse(shown(executor, Level.WARN, "Issue communicating with driver in heartbeater"));
    assertFalse(shown(dag, Level.WARN, "Broadcasting large task binary with size 2.0 MiB"));
    assertFalse(
        shown(
            "org.apache.spark.sql.catalyst.util.SparkStringUtils",
            Level.WARN,
            "Truncated the string representation of a plan since it was too large."));
    assertTrue(shown(executor, Level.WARN, "Managed memory leak detected"));
    assertTrue(shown(dag, Level.WARN, "Some other warning"));
    assertTrue(shown("org.apache.spark.SparkContext", Level.WARN, "Some warning"));
  }

  @Test
  void verboseShowsInfoOfEveryLoggerTheConfigurationNames() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    try {
      SnnCli.showAllLogs();
      for (String logger :
          List.of(
              "org.apache.spark.scheduler.DAGScheduler",
              "org.apache.spark.executor.Executor",
              "org.apache.spark.storage.BlockManager",
              "org.apache.spark.SparkContext")) {
        assertTrue(shown(logger, Level.INFO, "Job 0 finished"), logger);
      }
      assertFalse(
          shown(
              "org.apache.spark.executor.Executor",
              Level.WARN,
              "Issue communicating with driver in heartbeater"));
    } finally {
      context.reconfigure();
    }
  }
}
