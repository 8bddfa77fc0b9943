package snnspark.driver.io;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder the job writes its results into, marked complete with Hadoop's {@code _SUCCESS} file
 * only once everything is in place, as Oozie datasets and Airflow sensors expect.
 *
 * <p>Two ways to fill one: {@link #beginFiles} for a folder of single files that each land
 * atomically (model, report, checkpoints; the marker is taken away first and put back at the end),
 * and {@link #beginTable} for a table that is written whole under a hidden temporary name and
 * renamed into place, so no half-written table is ever readable under the final name.
 */
public final class OutputFolder {
  /** The marker of a complete folder. */
  public static final String SUCCESS = "_SUCCESS";

  private final String uri;
  private final Configuration conf;
  private final OutputMode mode;
  private final Path temporary;

  private OutputFolder(String uri, Configuration conf, OutputMode mode, Path temporary) {
    this.uri = uri;
    this.conf = conf;
    this.mode = mode;
    this.temporary = temporary;
  }

  /**
   * Starts writing the files {@code names} into folder {@code uri}: refuses if one exists and the
   * mode is {@link OutputMode#ERROR}; takes the folder's {@code _SUCCESS} away.
   */
  public static OutputFolder beginFiles(
      String uri, List<String> names, OutputMode mode, Configuration conf) {
    for (String name : names) {
      String file = uri + "/" + name;
      if (mode == OutputMode.ERROR && HadoopFiles.exists(file, conf)) {
        throw exists(file);
      }
    }
    OutputFolder folder = new OutputFolder(uri, conf, mode, null);
    folder.delete(new Path(uri, SUCCESS), false);
    return folder;
  }

  /**
   * Starts writing a table to folder {@code uri}: refuses if it exists and the mode is {@link
   * OutputMode#ERROR}; the table goes to {@link #writeTo()} until {@link #commit}.
   */
  public static OutputFolder beginTable(String uri, OutputMode mode, Configuration conf) {
    if (mode == OutputMode.ERROR && HadoopFiles.exists(uri, conf)) {
      throw exists(uri);
    }
    Path target = new Path(uri);
    Path temporary =
        new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    return new OutputFolder(uri, conf, mode, temporary);
  }

  private static UserException exists(String uri) {
    return new UserException(
        uri + ": already exists; choose another output, or replace it with --mode overwrite");
  }

  /** Where the table is written before it is complete. */
  public String writeTo() {
    return temporary == null ? uri : temporary.toString();
  }

  /** Marks the output complete: moves the table into place, then writes {@code _SUCCESS}. */
  public void commit() {
    try {
      Path target = new Path(uri);
      FileSystem fs = target.getFileSystem(conf);
      if (temporary != null) {
        if (fs.exists(target)) {
          if (mode != OutputMode.OVERWRITE) {
            throw exists(uri); // appeared while the job ran
          }
          fs.delete(target, true);
        }
        if (!fs.rename(temporary, target)) {
          throw new IOException("rename of " + temporary + " to " + target + " failed");
        }
      }
      fs.mkdirs(target);
      fs.create(new Path(target, SUCCESS), true).close();
    } catch (IOException e) {
      throw new UserException(uri + ": cannot complete: " + e.getMessage(), e);
    }
  }

  /** Removes what an unfinished table left; the final name is untouched. */
  public void abort() {
    if (temporary != null) {
      delete(temporary, true);
    }
  }

  private void delete(Path path, boolean recursive) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.exists(path)) {
        fs.delete(path, recursive);
      }
    } catch (IOException e) {
      throw new UserException(path + ": cannot remove: " + e.getMessage(), e);
    }
  }
}
