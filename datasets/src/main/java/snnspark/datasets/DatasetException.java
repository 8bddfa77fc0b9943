package snnspark.datasets;

/**
 * A problem with user-supplied data: a missing, corrupt or inconsistent file. Its message is one
 * line that names the file and the problem, fit to show a user as it is.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;

  /** A problem with {@code file}, described by {@code problem}. */
  public DatasetException(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The same, keeping the low-level cause for logs (never shown to users). */
  public DatasetException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file (path or URI) the problem is about. */
  public String file() {
    return file;
  }
}
