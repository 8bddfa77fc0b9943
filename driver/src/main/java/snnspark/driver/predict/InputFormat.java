package snnspark.driver.predict;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import snnspark.datasets.DatasetException;
import snnspark.datasets.HadoopPath;
import snnspark.datasets.Split;
import snnspark.driver.io.UserException;

/** The image tables {@code predict} reads. */
public enum InputFormat {
  /** An IDX folder (its test split) or a single IDX images file. */
  IDX,
  /** A Parquet file or a folder of Parquet parts. */
  PARQUET,
  /** A CSV file (or folder) with a header line. */
  CSV,
  /** A folder of PNG or JPEG files, maybe in subfolders (one per class). */
  IMAGES;

  /** The format of {@code uri}, from its name or, for a folder, the files in it. */
  public static InputFormat infer(String uri, Configuration conf) {
    Path path = HadoopPath.of(uri);
    try {
      FileSystem fs = HadoopPath.fileSystem(path, conf);
      if (!fs.exists(path)) {
        throw new DatasetException(uri, "no such file or folder");
      }
      if (fs.getFileStatus(path).isFile()) {
        return byName(path.getName(), uri);
      }
      for (FileStatus file : fs.listStatus(path)) {
        String name = file.getPath().getName();
        if (name.startsWith(Split.TEST.imagesFile())) {
          return IDX;
        }
      }
      for (FileStatus file : fs.listStatus(path)) {
        String name = file.getPath().getName();
        if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          return byName(name, uri);
        }
      }
      // A folder of folders (one per class, or per day): the format of what they hold.
      List<String> folders = ClassFolders.subfolders(uri, conf);
      if (!folders.isEmpty()) {
        return infer(uri + "/" + folders.get(0), conf);
      }
      throw new DatasetException(uri, "an empty folder: no images, table or IDX files in it");
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
  }

  private static InputFormat byName(String name, String uri) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("-idx3-ubyte")) {
      return IDX;
    }
    if (lower.endsWith(".parquet")) {
      return PARQUET;
    }
    if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
      return CSV;
    }
    if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return IMAGES;
    }
    throw UserException.aboutSettings(
        uri + ": cannot tell the format of '" + name + "': name it with {inputFormat}");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
