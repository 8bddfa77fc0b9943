package snnspark.datasets;

/**
 * A problem with user-supplied data: a missing, corrupt or inconsistent file. Its message is one
 * line that names the file and the problem, fit to show a user as it is.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest problem shown: a line a user reads, not a file's contents quoted whole. */
  static final int MAX_PROBLEM = 500;

  private final String file;

  /** A problem with {@code file}, described by {@code problem}. */
  public DatasetException(String file, String problem) {
    super(file + ": " + printable(problem));
    this.file = file;
  }

  /** The same, keeping the low-level cause for logs (never shown to users). */
  public DatasetException(String file, String problem, Throwable cause) {
    super(file + ": " + printable(problem), cause);
    this.file = file;
  }

  /**
   * {@code problem} as one line of text: a binary file read as text (a Parquet file given as CSV)
   * quotes bytes as a column's name, control characters and line breaks among them.
   */
  private static String printable(String problem) {
    String line = String.valueOf(problem).replaceAll("[\\p{Cntrl}\\uFFFD]", "?");
    return line.length() <= MAX_PROBLEM ? line : line.substring(0, MAX_PROBLEM) + "...";
  }

  /** The file (path or URI) the problem is about. */
  public String file() {
    return file;
  }
}
