package snnspark.driver.io;

import java.util.Locale;

/** What to do when an output already exists: refuse (the default) or replace it. */
public enum OutputMode {
  /** Refuse with a one-line error before any work starts. */
  ERROR,
  /** Replace the existing output once the new one is complete. */
  OVERWRITE;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
