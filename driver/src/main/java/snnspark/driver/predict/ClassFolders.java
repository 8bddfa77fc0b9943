package snnspark.driver.predict;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.datasets.HadoopPath;

/**
 * An image folder with one subfolder per class, the convention of torchvision's {@code ImageFolder}
 * and Keras's {@code image_dataset_from_directory}: a subfolder's name is its class, and the
 * classes are the subfolders' names, sorted.
 */
public final class ClassFolders {
  /** The file names' endings Spark's image reader takes; it tells case apart, so do we. */
  private static final List<String> EXTENSIONS =
      List.of("png", "jpg", "jpeg", "PNG", "JPG", "JPEG");

  /** The glob of {@link #EXTENSIONS} that Spark's file source is given. */
  static final String IMAGE_GLOB = "*.{" + String.join(",", EXTENSIONS) + "}";

  private ClassFolders() {}

  /**
   * The class names of the image folder {@code uri}: its subfolders' names, sorted (hidden ones,
   * starting with '.' or '_', left out). Fails, naming the folder, when it has no subfolder or a
   * subfolder holds no image.
   */
  public static List<String> of(String uri, Configuration conf) {
    List<String> names = subfolders(uri, conf);
    if (names.isEmpty()) {
      throw new DatasetException(
          uri, "no class subfolders: put each class's images in a subfolder named after it");
    }
    if (names.size() > Dataset.MAX_CLASSES) {
      throw new DatasetException(
          uri, names.size() + " class subfolders, more than " + Dataset.MAX_CLASSES);
    }
    for (String name : names) {
      if (!hasImage(uri + "/" + name, conf)) {
        throw new DatasetException(uri + "/" + name, "a class folder with no PNG/JPEG images");
      }
    }
    return names;
  }

  /** The sorted names of {@code uri}'s visible subfolders (none for a file). */
  public static List<String> subfolders(String uri, Configuration conf) {
    Path path = HadoopPath.of(uri);
    List<String> names = new ArrayList<>();
    try {
      FileSystem fs = HadoopPath.fileSystem(path, conf);
      if (fs.getFileStatus(path).isFile()) {
        return names;
      }
      for (FileStatus status : fs.listStatus(path)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && !name.startsWith(".") && !name.startsWith("_")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
    names.sort(null);
    return names;
  }

  private static boolean hasImage(String uri, Configuration conf) {
    return firstImage(uri, conf) != null;
  }

  /**
   * The first PNG/JPEG file under {@code uri} in name order that Spark's image reader reads, or
   * null where there is none.
   */
  public static String firstImage(String uri, Configuration conf) {
    Path path = HadoopPath.of(uri);
    String first = null;
    try {
      FileSystem fs = HadoopPath.fileSystem(path, conf);
      Path root = fs.makeQualified(path);
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        Path file = files.next().getPath();
        String name = file.toString();
        if (readBySpark(root, file) && (first == null || name.compareTo(first) < 0)) {
          first = name;
        }
      }
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
    return first;
  }

  /**
   * Whether Spark's image reader ({@link #IMAGE_GLOB}, hidden names skipped) reads {@code file}
   * under {@code root}: a folder's shape and classes come from the files the training reads, not
   * from a notebook's checkpoint copy or a Mac's {@code ._} resource file beside them.
   */
  private static boolean readBySpark(Path root, Path file) {
    if (EXTENSIONS.stream().noneMatch(e -> file.getName().endsWith("." + e))) {
      return false;
    }
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The class of the image at {@code path} (a URI, as Spark's file sources give it): the index in
   * {@code classes} of the name of the folder it sits in, or null where that names no class.
   */
  public static Integer classOf(String path, List<String> classes) {
    String folder;
    try {
      Path parent = new Path(new URI(path)).getParent();
      folder = parent == null ? null : parent.getName();
    } catch (URISyntaxException e) {
      folder = new Path(path).getParent().getName();
    }
    int index = folder == null ? -1 : classes.indexOf(folder);
    return index < 0 ? null : index;
  }
}
