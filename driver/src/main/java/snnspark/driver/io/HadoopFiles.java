package snnspark.driver.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import snnspark.datasets.HadoopPath;

/**
 * Output through the Hadoop FileSystem API (local paths, hdfs://, s3a://) that never leaves a
 * half-written file under its real name: everything is written to a hidden temporary name in the
 * same folder, then renamed.
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** Writes the content of a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Reads a stream. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  /** Writes {@code uri} through a temporary name and a rename; on failure nothing is left. */
  public static void writeAtomically(String uri, Configuration conf, Writer writer) {
    Path target = HadoopPath.of(uri);
    try {
      FileSystem fs = HadoopPath.fileSystem(target, conf);
      fs.setWriteChecksum(false); // no .crc side files next to local outputs
      Path parent = target.getParent();
      if (parent != null) {
        fs.mkdirs(parent);
      }
      Path temporary = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
      try {
        try (OutputStream out = fs.create(temporary, true)) {
          writer.write(out);
        }
        if (fs.exists(target)) {
          fs.delete(target, false); // HDFS's rename does not replace
        }
        if (!fs.rename(temporary, target)) {
          throw new IOException("rename of " + temporary + " failed");
        }
      } finally {
        fs.delete(temporary, false);
      }
    } catch (IOException e) {
      throw new UserException(uri + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Reads {@code uri}; a missing file is a user error naming it. */
  public static <T> T read(String uri, Configuration conf, Reader<T> reader) {
    Path path = HadoopPath.of(uri);
    try {
      FileSystem fs = HadoopPath.fileSystem(path, conf);
      if (!fs.exists(path)) {
        throw new UserException(uri + ": file not found");
      }
      try (InputStream in = fs.open(path)) {
        return reader.read(in);
      }
    } catch (IOException e) {
      throw new UserException(uri + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Whether {@code uri} exists. */
  public static boolean exists(String uri, Configuration conf) {
    Path path = HadoopPath.of(uri);
    try {
      return HadoopPath.fileSystem(path, conf).exists(path);
    } catch (IOException e) {
      throw new UserException(uri + ": cannot check: " + e.getMessage(), e);
    }
  }

  /** Whether {@code uri} is a folder (false when it is a file or does not exist). */
  public static boolean isFolder(String uri, Configuration conf) {
    Path path = HadoopPath.of(uri);
    try {
      FileSystem fs = HadoopPath.fileSystem(path, conf);
      return fs.exists(path) && fs.getFileStatus(path).isDirectory();
    } catch (IOException e) {
      throw new UserException(uri + ": cannot check: " + e.getMessage(), e);
    }
  }

  /** Names of the files directly in folder {@code uri}; none when it does not exist. */
  public static List<String> list(String uri, Configuration conf) {
    Path dir = HadoopPath.of(uri);
    try {
      FileSystem fs = HadoopPath.fileSystem(dir, conf);
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus status : fs.listStatus(dir)) {
        if (status.isFile()) {
          names.add(status.getPath().getName());
        }
      }
      return names;
    } catch (IOException e) {
      throw new UserException(uri + ": cannot list: " + e.getMessage(), e);
    }
  }
}
