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

  /**
   * One line saying why {@code e} happened: the first non-blank line of its message, followed by
   * its root cause's. DL4J wraps a configuration it cannot read in a message that starts with a
   * line break and says only that it failed, while the cause names the class it could not find.
   */
  public static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String line = firstNonBlankLine(e);
    return root == e ? line : line + " (" + firstNonBlankLine(root) + ")";
  }

  private static String firstNonBlankLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message).strip();
  }

  /** Fails unless {@code value >= 1}. */
  public static int atLeastOne(String option, int value) {
    if (value < 1) {
      throw new UserException(option + " must be at least 1, got " + value);
    }
    return value;
  }
}
