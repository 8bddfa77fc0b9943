package snnspark.datasets;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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

  /**
   * The file system {@code path} lies on. Hadoop fails outside its {@link IOException}s on an
   * unknown host ({@code IllegalArgumentException}) and on a scheme whose client lacks a class
   * ({@code s3a://} without the AWS SDK: {@code NoClassDefFoundError}); both come back as one, so
   * every caller names the path as it does for any other failure to read or write it.
   */
  public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    try {
      return path.getFileSystem(conf);
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("cannot reach its file system: " + cause, e);
    } catch (NoClassDefFoundError e) {
      String scheme = path.toUri().getScheme();
      throw new IOException(
          "the "
              + scheme
              + ":// client misses class "
              + e.getMessage()
              + ("s3a".equals(scheme) ? " (s3a:// needs the AWS SDK bundle; docs/cluster.md)" : ""),
          e);
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
