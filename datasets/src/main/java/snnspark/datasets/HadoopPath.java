package snnspark.datasets;

import org.apache.hadoop.fs.Path;

/**
 * A path or URI a user gave (a dataset, a model, an output folder) as Hadoop's {@link Path}: the
 * one place where such a string is parsed, so that one Hadoop refuses (an empty string, or a local
 * name with a ':' before any '/', which Hadoop reads as a URI scheme) is the user's error naming
 * it, not an {@code IllegalArgumentException} from deep inside a job.
 */
public final class HadoopPath {
  private HadoopPath() {}

  /**
   * {@code uri} as a Hadoop path; a {@link DatasetException} naming it when Hadoop cannot read it.
   */
  public static Path of(String uri) {
    if (uri == null || uri.isEmpty()) {
      throw new DatasetException("''", "an empty path names no file or folder");
    }
    try {
      return new Path(uri);
    } catch (IllegalArgumentException e) {
      throw new DatasetException(uri, "not a path or URI Hadoop can read" + hint(uri), e);
    }
  }

  /** Why a local name with a colon fails, and how to write it instead. */
  private static String hint(String uri) {
    int colon = uri.indexOf(':');
    int slash = uri.indexOf('/');
    if (colon > 0 && (slash < 0 || colon < slash)) {
      return " ('"
          + uri.substring(0, colon)
          + ":' reads as a URI scheme; write ./"
          + uri
          + " for a local name)";
    }
    return "";
  }
}
