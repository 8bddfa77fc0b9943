package snnspark.driver.predict;

import java.util.Locale;

/** How the predictions table is written. */
public enum OutputFormat {
  /** Parquet with snappy compression: every column as it is. */
  PARQUET,
  /**
   * CSV with a header: the class outputs and per-step predictions as space-separated strings, the
   * spikes as one column per neuron layer ({@code spikes_conv1}, ...), since CSV has no arrays or
   * maps.
   */
  CSV;

  /** The format named {@code name}, as users type it. */
  public static OutputFormat parse(String name) {
    for (OutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("expected parquet or csv, got '" + name + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
