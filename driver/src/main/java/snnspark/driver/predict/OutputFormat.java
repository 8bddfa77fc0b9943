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

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
