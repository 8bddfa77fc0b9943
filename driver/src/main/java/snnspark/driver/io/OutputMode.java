package snnspark.driver.io;

import java.util.Locale;

/** What to do when an output already exists: refuse (the default) or replace it. */
public enum OutputMode {
  /** Refuse with a one-line error before any work starts. */
  ERROR,
  /** Replace the existing output once the new one is complete. */
  OVERWRITE;

  /** The mode named {@code name} ("error" or "overwrite"). */
  public static OutputMode parse(String name) {
    for (OutputMode mode : values()) {
      if (mode.name().equalsIgnoreCase(name)) {
        return mode;
      }
    }
    throw new UserException("output mode must be error or overwrite, got '" + name + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
