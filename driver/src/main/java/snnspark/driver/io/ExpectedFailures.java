package snnspark.driver.io;

import java.util.Optional;
import snnspark.datasets.DatasetException;

/**
 * Finds the expected, user-caused error ({@link UserException}, {@link DatasetException}) behind
 * the wrapping Spark adds when it fails inside a task ({@code SparkException: Job aborted due to
 * stage failure}, {@code TASK_WRITE_FAILED}, ...), so every entry point, the CLI and the Spark ML
 * stages, reports the project's own one line.
 */
public final class ExpectedFailures {
  private ExpectedFailures() {}

  /** The first expected error in {@code failure}'s cause chain, if any. */
  public static Optional<RuntimeException> in(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UserException || t instanceof DatasetException) {
        return Optional.of((RuntimeException) t);
      }
    }
    return Optional.empty();
  }

  /**
   * Throws the expected error behind {@code failure} if there is one, else {@code failure} itself
   * unchanged (Spark's exceptions are checked ones that Scala throws undeclared).
   */
  public static RuntimeException rethrow(Exception failure) {
    RuntimeException expected = in(failure).orElse(null);
    if (expected != null) {
      throw expected;
    }
    throw ExpectedFailures.<RuntimeException>sneaky(failure);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Exception> T sneaky(Exception failure) throws T {
    throw (T) failure;
  }
}
