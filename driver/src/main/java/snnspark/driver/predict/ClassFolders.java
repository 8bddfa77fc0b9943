package snnspark.driver.predict;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
      FileSystem fs = path.getFileSystem(conf);
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
    Path path = HadoopPath.of(uri);
    try {
      RemoteIterator<LocatedFileStatus> files = path.getFileSystem(conf).listFiles(path, true);
      while (files.hasNext()) {
        if (isImage(files.next().getPath().getName())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
  }

  /** The first PNG/JPEG file under {@code uri} in name order, or null where there is none. */
  public static String firstImage(String uri, Configuration conf) {
    Path path = HadoopPath.of(uri);
    String first = null;
    try {
      RemoteIterator<LocatedFileStatus> files = path.getFileSystem(conf).listFiles(path, true);
      while (files.hasNext()) {
        String file = files.next().getPath().toString();
        if (isImage(file) && (first == null || file.compareTo(first) < 0)) {
          first = file;
        }
      }
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
    return first;
  }

  /** Whether {@code name} is a PNG or JPEG file's, as the image reader takes them. */
  static boolean isImage(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
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
