package snnspark.driver.io;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import snnspark.datasets.HadoopPath;

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
   * Fails unless the files {@code names} can be written into folder {@code uri} in {@code mode}:
   * none of them exists unless the mode is {@link OutputMode#OVERWRITE}, and the folder can be made
   * and written to. Cheap, so jobs call it before they start Spark or read any data; a failure
   * names the first of the files (the folder when there are none).
   */
  public static void checkFiles(
      String uri, List<String> names, OutputMode mode, Configuration conf) {
    refuseExisting(uri, names, mode, conf);
    probe(HadoopPath.of(uri), names.isEmpty() ? uri : uri + "/" + names.get(0), conf);
  }

  /**
   * Fails unless a table can be written to folder {@code uri} in {@code mode}: it does not exist
   * unless the mode is {@link OutputMode#OVERWRITE}, and its parent folder can be made and written
   * to (the table is written beside it first).
   */
  public static void checkTable(String uri, OutputMode mode, Configuration conf) {
    refuseRoot(uri, conf);
    refuseExisting(uri, mode, conf);
    probe(parentOf(uri), uri, conf);
  }

  /**
   * Whether {@code inner} is folder {@code outer} or lies inside it, once each is made absolute on
   * its file system.
   */
  public static boolean within(String inner, String outer, Configuration conf) {
    try {
      URI in = qualified(HadoopPath.of(inner), conf);
      URI out = qualified(HadoopPath.of(outer), conf);
      String folder = out.getPath().endsWith("/") ? out.getPath() : out.getPath() + "/";
      return in.equals(out)
          || Objects.equals(in.getScheme(), out.getScheme())
              && Objects.equals(in.getAuthority(), out.getAuthority())
              && in.getPath().startsWith(folder);
    } catch (IOException e) {
      throw new UserException(inner + ": cannot check: " + e.getMessage(), e);
    }
  }

  /** A table replaces its whole folder when it is complete: never a file system's root. */
  private static void refuseRoot(String uri, Configuration conf) {
    try {
      Path target = HadoopPath.of(uri);
      if (HadoopPath.fileSystem(target, conf).makeQualified(target).isRoot()) {
        throw new UserException(uri + ": the root folder; a table needs a folder of its own");
      }
    } catch (IOException e) {
      throw new UserException(uri + ": cannot check: " + e.getMessage(), e);
    }
  }

  /**
   * Starts writing the files {@code names} into folder {@code uri}: refuses if one exists and the
   * mode is {@link OutputMode#ERROR}; takes the folder's {@code _SUCCESS} away.
   */
  public static OutputFolder beginFiles(
      String uri, List<String> names, OutputMode mode, Configuration conf) {
    refuseExisting(uri, names, mode, conf);
    OutputFolder folder = new OutputFolder(uri, conf, mode, null);
    folder.delete(new Path(uri, SUCCESS), false);
    return folder;
  }

  /**
   * Starts writing a table to folder {@code uri}: refuses if it exists and the mode is {@link
   * OutputMode#ERROR}; the table goes to {@link #writeTo()} until {@link #commit}.
   */
  public static OutputFolder beginTable(String uri, OutputMode mode, Configuration conf) {
    refuseRoot(uri, conf);
    refuseExisting(uri, mode, conf);
    return new OutputFolder(uri, conf, mode, temporaryFor(uri));
  }

  /**
   * Fails unless the single file {@code uri} can be written in {@code mode}: refused when it exists
   * and {@code mode} is {@link OutputMode#ERROR}, its folder probed as {@link #checkFiles} does.
   */
  public static void checkFile(String uri, OutputMode mode, Configuration conf) {
    checkFiles(parentOf(uri).toString(), List.of(HadoopPath.of(uri).getName()), mode, conf);
  }

  /** Where a table is written before it is complete: a hidden name beside it. */
  private static Path temporaryFor(String uri) {
    Path target = HadoopPath.of(uri);
    return new Path(parentOf(uri), "." + target.getName() + ".tmp-" + UUID.randomUUID());
  }

  /**
   * Whether {@code a} and {@code b} name one folder, once each is made absolute on its file system.
   */
  public static boolean sameFolder(String a, String b, Configuration conf) {
    try {
      Path first = HadoopPath.of(a);
      Path second = HadoopPath.of(b);
      return qualified(first, conf).equals(qualified(second, conf));
    } catch (IOException e) {
      throw new UserException(a + ": cannot check: " + e.getMessage(), e);
    }
  }

  private static URI qualified(Path path, Configuration conf) throws IOException {
    return HadoopPath.fileSystem(path, conf).makeQualified(path).toUri().normalize();
  }

  /** The folder {@code uri} is in; the working folder for a bare name. */
  private static Path parentOf(String uri) {
    Path parent = HadoopPath.of(uri).getParent();
    return parent == null || parent.toString().isEmpty() ? new Path(".") : parent;
  }

  private static void refuseExisting(
      String uri, List<String> names, OutputMode mode, Configuration conf) {
    for (String name : names) {
      String file = uri + "/" + name;
      if (HadoopFiles.isFolder(file, conf)) {
        // Not even overwrite replaces it: the file is written beside it and renamed onto it.
        throw new UserException(file + ": a folder, where a file is to be written");
      }
      refuseExisting(file, mode, conf);
    }
  }

  private static void refuseExisting(String uri, OutputMode mode, Configuration conf) {
    if (mode == OutputMode.ERROR && HadoopFiles.exists(uri, conf)) {
      throw exists(uri);
    }
  }

  /**
   * Makes {@code folder} and creates and deletes a file in it, through the FileSystem of its URI
   * (so HDFS's permissions and quotas answer too, not only a local check); a failure names {@code
   * output}. Folders it had to make are removed again, so a job that fails later leaves nothing.
   */
  private static void probe(Path folder, String output, Configuration conf) {
    try {
      FileSystem fs = HadoopPath.fileSystem(folder, conf);
      Path made = highestMissing(fs, folder);
      try {
        if (!fs.mkdirs(folder)) {
          throw new IOException("cannot create folder " + folder);
        }
        Path probe = new Path(folder, "._snn-write-check-" + UUID.randomUUID());
        fs.create(probe, false).close();
        fs.delete(probe, false);
      } finally {
        if (made != null && fs.exists(made)) {
          fs.delete(made, true);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new UserException(output + ": cannot write here: " + UserException.reason(e), e);
    }
  }

  /** The highest folder on the way to {@code folder} that does not exist yet, or null. */
  private static Path highestMissing(FileSystem fs, Path folder) throws IOException {
    Path missing = null;
    for (Path p = folder; p != null && !fs.exists(p); p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  private static UserException exists(String uri) {
    return UserException.aboutSettings(
        uri + ": already exists; choose another output, or replace it with {mode} overwrite");
  }

  /** Where the table is written before it is complete. */
  public String writeTo() {
    return temporary == null ? uri : temporary.toString();
  }

  /**
   * Marks the output complete: moves the table into place, then writes {@code _SUCCESS}. Refuses
   * while the JVM shuts down: an interrupted run (Ctrl-C, a scheduler's SIGTERM) may still be
   * writing while its shutdown hooks run, and what it leaves must not look complete.
   */
  public void commit() {
    if (shuttingDown()) {
      throw new UserException(uri + ": not marked complete: the run was interrupted");
    }
    try {
      Path target = HadoopPath.of(uri);
      FileSystem fs = HadoopPath.fileSystem(target, conf);
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

  /** Whether the JVM is exiting: it then refuses new shutdown hooks, the only way to ask. */
  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
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
      FileSystem fs = HadoopPath.fileSystem(path, conf);
      if (fs.exists(path)) {
        fs.delete(path, recursive);
      }
    } catch (IOException e) {
      throw new UserException(path + ": cannot remove: " + e.getMessage(), e);
    }
  }
}
