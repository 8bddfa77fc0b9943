package snnspark.driver.io;

/**
 * An expected error caused by what the user asked for (a bad option value, a missing or wrong
 * model). The CLI prints its message as one line and exits with exit code 2.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose message the user sees as is. */
  public UserException(String message) {
    super(message);
  }

  /** The same, keeping the cause for logs. */
  public UserException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Fails unless {@code value >= 1}. */
  public static int atLeastOne(String option, int value) {
    if (value < 1) {
      throw new UserException(option + " must be at least 1, got " + value);
    }
    return value;
  }
}
