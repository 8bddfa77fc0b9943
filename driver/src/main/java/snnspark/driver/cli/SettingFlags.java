package snnspark.driver.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import snnspark.driver.io.UserException;

/**
 * The flag a user types for each setting. Below the CLI an error names a setting as the records and
 * the Spark ML stages call it ({@code batchSize}); the command line's user typed {@code
 * --batch-size}, and reads that.
 */
final class SettingFlags {
  private static final Pattern WORD_START = Pattern.compile("(?<=[a-z0-9])([A-Z])");

  private SettingFlags() {}

  /**
   * The flag of {@code setting}: its name in kebab case ({@code lrDecay} is {@code --lr-decay}).
   */
  static String flag(String setting) {
    Matcher m = WORD_START.matcher(setting);
    return "--" + m.replaceAll("-$1").toLowerCase(Locale.ROOT);
  }

  /** The message of {@code error} as the command line's user should read it. */
  static String message(Throwable error) {
    return error instanceof UserException user
        ? user.message(SettingFlags::flag)
        : error.getMessage();
  }
}
