package snnspark.driver.io;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expected error caused by what the user asked for (a bad option value, a missing or wrong
 * model). The CLI prints its message as one line and exits with exit code 2.
 *
 * <p>An error about a setting names it by the name the records and the Spark ML stages give it
 * ({@code batchSize}); only the CLI knows that a user typed it as {@code --batch-size}, so it
 * renders the same error with flags ({@link #message(UnaryOperator)}).
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final Pattern SETTING = Pattern.compile("\\{([a-z][A-Za-z]*)}");

  /** The message with each setting written {@code {name}}; null when it names none. */
  private final String template;

  /** An error whose message the user sees as is. */
  public UserException(String message) {
    this(message, null, null);
  }

  /** The same, keeping the cause for logs. */
  public UserException(String message, Throwable cause) {
    this(message, null, cause);
  }

  private UserException(String message, String template, Throwable cause) {
    super(message, cause);
    this.template = template;
  }

  /**
   * An error about settings, each written {@code {name}} in {@code template} ({@code "{epochs} must
   * be at least 1"}): its message names them plainly, {@code epochs}.
   */
  public static UserException aboutSettings(String template) {
    return aboutSettings(template, null);
  }

  /** The same, keeping the cause for logs. */
  public static UserException aboutSettings(String template, Throwable cause) {
    return new UserException(render(template, UnaryOperator.identity()), template, cause);
  }

  /**
   * What {@code build} returns; a setting it refuses ({@link IllegalArgumentException}, settings
   * written {@code {name}} as here) becomes the user's error. The records of the worker module
   * check their own settings so, and the driver passes their refusal on.
   */
  public static <T> T checking(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw aboutSettings(e.getMessage(), e);
    }
  }

  /** The message with each setting it names called what {@code settingName} calls it. */
  public String message(UnaryOperator<String> settingName) {
    return template == null ? getMessage() : render(template, settingName);
  }

  private static String render(String template, UnaryOperator<String> settingName) {
    Matcher m = SETTING.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(settingName.apply(m.group(1))));
    }
    return m.appendTail(out).toString();
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
    String rootLine = firstNonBlankLine(root);
    // Jackson repeats the cause's message in its own; once is enough.
    return root == e || line.contains(rootLine) ? line : line + " (" + rootLine + ")";
  }

  /** The first line of {@code e}'s message, any setting in it ({@code {name}}) named plainly. */
  private static String firstNonBlankLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    String line = message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message).strip();
    return render(line, UnaryOperator.identity());
  }

  /**
   * Fails unless {@code value}, a count of images to take, is at least 1 or 0 (all of them), naming
   * the {@code setting}.
   */
  public static int countOrAll(String setting, int value) {
    if (value < 0) {
      throw aboutSettings("{" + setting + "} must be at least 1 (or 0: all), got " + value);
    }
    return value;
  }

  /** Fails unless {@code value >= 1}, naming the {@code setting}. */
  public static int atLeastOne(String setting, int value) {
    if (value < 1) {
      throw aboutSettings("{" + setting + "} must be at least 1, got " + value);
    }
    return value;
  }
}
