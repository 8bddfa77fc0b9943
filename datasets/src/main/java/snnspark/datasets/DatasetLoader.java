package snnspark.datasets;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loads one split of an MNIST-style dataset from a directory (local path or any Hadoop URI) that
 * holds the standard file names, each raw or with {@code .gz}, and checks images and labels agree.
 */
public final class DatasetLoader {
  private static final String GZ = ".gz";

  private final Configuration hadoopConf;
  private final IdxReader reader;

  /** A loader resolving file systems with {@code hadoopConf}. */
  public DatasetLoader(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
    this.reader = new IdxReader(hadoopConf);
  }

  /** A loader with a default Hadoop configuration. */
  public DatasetLoader() {
    this(new Configuration());
  }

  /** Loads {@code split} from {@code dir}, whatever its image size. */
  public Dataset load(String dir, Split split) {
    String imagesFile = locate(dir, split.imagesFile());
    String labelsFile = locate(dir, split.labelsFile());
    IdxReader.Images images = reader.readImages(imagesFile);
    byte[] labels = reader.readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new DatasetException(
          labelsFile,
          "image/label count mismatch: "
              + labels.length
              + " labels, but "
              + imagesFile
              + " holds "
              + images.count()
              + " images");
    }
    Dataset.checkLabels(labelsFile, labels);
    return new Dataset(
        imagesFile, images.count(), images.rows(), images.cols(), images.pixels(), labels);
  }

  /** Loads {@code split} and checks its images are {@code rows x cols}, as the network expects. */
  public Dataset load(String dir, Split split, int rows, int cols) {
    Dataset data = load(dir, split);
    if (data.rows() != rows || data.cols() != cols) {
      throw new DatasetException(
          data.source(),
          "images are "
              + data.rows()
              + "x"
              + data.cols()
              + " pixels, the network expects "
              + rows
              + "x"
              + cols);
    }
    return data;
  }

  /**
   * Images {@code [from, to)} of a split and their labels, reading only that share of the image
   * file (executors use this to read their part of a shared dataset). The split must have been
   * validated whole before, as {@link #load} does.
   */
  public Dataset loadRange(String dir, Split split, int from, int to) {
    String imagesFile = locate(dir, split.imagesFile());
    String labelsFile = locate(dir, split.labelsFile());
    IdxReader.Images images = reader.readImages(imagesFile, from, to);
    byte[] labels = Arrays.copyOfRange(reader.readLabels(labelsFile), from, to);
    return new Dataset(
        imagesFile, images.count(), images.rows(), images.cols(), images.pixels(), labels);
  }

  /**
   * The path of {@code name} or {@code name.gz} in {@code dir}; an error naming both if neither.
   */
  String locate(String dir, String name) {
    Path base = new Path(dir);
    try {
      FileSystem fs = base.getFileSystem(hadoopConf);
      if (!fs.exists(base)) {
        throw new DatasetException(dir, "dataset directory not found");
      }
      if (!fs.getFileStatus(base).isDirectory()) {
        throw new DatasetException(dir, "is a file, expected a dataset directory");
      }
      Path raw = new Path(base, name);
      if (fs.exists(raw)) {
        return raw.toString();
      }
      Path gz = new Path(base, name + GZ);
      if (fs.exists(gz)) {
        return gz.toString();
      }
      throw new DatasetException(raw.toString(), "file not found (nor " + name + GZ + ")");
    } catch (IOException e) {
      throw new DatasetException(dir, "cannot list: " + e.getMessage(), e);
    }
  }
}
