package snnspark.datasets;

import java.io.IOException;
import java.io.Serializable;
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

  /**
   * Loads {@code split} from {@code dir}, whatever its image size; its classes are {@code 0} to the
   * largest label.
   */
  public Dataset load(String dir, Split split) {
    Files files = locate(dir, split);
    IdxReader.Images images = reader.readImages(files.images());
    byte[] labels = labels(files, images.count());
    return Dataset.labelled(
        files.images(), images.count(), images.rows(), images.cols(), images.pixels(), labels);
  }

  /** Fails, naming {@code dir}, unless a network of {@code channels} takes its grey images. */
  public static void checkGrey(String dir, int channels) {
    if (channels != 1) {
      throw new DatasetException(
          dir, "IDX images are grey; the model takes " + channels + " channels");
    }
  }

  /**
   * Loads {@code split} for a network of {@code rows x cols} images and {@code classes} classes;
   * fails, naming the file, on images of another size or a label outside the classes.
   */
  public Dataset load(String dir, Split split, int rows, int cols, int classes) {
    Files files = locate(dir, split);
    IdxReader.Images images = sized(files.images(), rows, cols);
    byte[] labels = labels(files, images.count());
    Dataset.checkLabels(files.labels(), labels, classes);
    return new Dataset(
        files.images(), images.count(), rows, cols, classes, images.pixels(), labels);
  }

  /**
   * One IDX images file of any name, for a network of {@code rows x cols} images and {@code
   * classes} classes, labelled by the file beside it named as {@link Split} names a split's labels
   * ({@code *-labels-idx1-ubyte} for {@code *-images-idx3-ubyte}) when there is one; checked as
   * {@link #load(String, Split, int, int, int)} checks a split.
   */
  public IdxFile loadFile(String images, int rows, int cols, int classes) {
    String labelsFile = images.replace(Split.IMAGES_SUFFIX, Split.LABELS_SUFFIX);
    boolean labelled = !labelsFile.equals(images) && exists(labelsFile);
    return loadFile(images, labelled ? labelsFile : null, rows, cols, classes);
  }

  /**
   * The test split's images of the IDX folder {@code dir}, labelled by its labels file (raw or
   * {@code .gz}, whichever the images are) when there is one; checked as {@link #loadFile}.
   */
  public IdxFile loadTestImages(String dir, int rows, int cols, int classes) {
    String images = locate(dir, Split.TEST.imagesFile());
    String labelsFile;
    try {
      labelsFile = locate(dir, Split.TEST.labelsFile());
    } catch (DatasetException e) {
      labelsFile = null; // images to score need no labels
    }
    return loadFile(images, labelsFile, rows, cols, classes);
  }

  private IdxFile loadFile(String images, String labelsFile, int rows, int cols, int classes) {
    IdxReader.Images read = sized(images, rows, cols);
    boolean labelled = labelsFile != null;
    byte[] labels = new byte[read.count()];
    if (labelled) {
      labels = labels(new Files(images, labelsFile), read.count());
      Dataset.checkLabels(labelsFile, labels, classes);
    }
    return new IdxFile(
        new Dataset(images, read.count(), rows, cols, classes, read.pixels(), labels), labelled);
  }

  /**
   * An IDX images file as {@link #loadFile} reads it.
   *
   * @param images its images, with their labels (all 0 when it has none)
   * @param labelled whether a labels file came with it
   */
  public record IdxFile(Dataset images, boolean labelled) implements Serializable {}

  /** The images of {@code file}, refused unless they are {@code rows x cols}. */
  private IdxReader.Images sized(String file, int rows, int cols) {
    IdxReader.Images images = reader.readImages(file);
    if (images.rows() != rows || images.cols() != cols) {
      throw new DatasetException(
          file,
          "images are "
              + images.rows()
              + "x"
              + images.cols()
              + " pixels, the network expects "
              + rows
              + "x"
              + cols);
    }
    return images;
  }

  private boolean exists(String uri) {
    try {
      Path path = HadoopPath.of(uri);
      return HadoopPath.fileSystem(path, hadoopConf).exists(path);
    } catch (IOException e) {
      throw new DatasetException(uri, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Images {@code [from, to)} of a split and their labels, reading only that share of the image
   * file (executors use this to read their part of a shared dataset). The split must have been
   * validated whole before, as {@link #load(String, Split, int, int, int)} does, for the same
   * {@code classes}.
   */
  public Dataset loadRange(String dir, Split split, int from, int to, int classes) {
    Files files = locate(dir, split);
    IdxReader.Images images = reader.readImages(files.images(), from, to);
    byte[] labels = Arrays.copyOfRange(reader.readLabels(files.labels()), from, to);
    return new Dataset(
        files.images(),
        images.count(),
        images.rows(),
        images.cols(),
        classes,
        images.pixels(),
        labels);
  }

  /** The labels of {@code files}, checked to be one for each of the {@code count} images. */
  private byte[] labels(Files files, int count) {
    byte[] labels = reader.readLabels(files.labels());
    if (labels.length != count) {
      throw new DatasetException(
          files.labels(),
          "image/label count mismatch: "
              + labels.length
              + " labels, but "
              + files.images()
              + " holds "
              + count
              + " images");
    }
    return labels;
  }

  /** A split's image and label files, each raw or gzipped. */
  private record Files(String images, String labels) {}

  private Files locate(String dir, Split split) {
    return new Files(locate(dir, split.imagesFile()), locate(dir, split.labelsFile()));
  }

  /**
   * The path of {@code name} or {@code name.gz} in {@code dir}; an error naming both if neither.
   */
  String locate(String dir, String name) {
    Path base = HadoopPath.of(dir);
    try {
      FileSystem fs = HadoopPath.fileSystem(base, hadoopConf);
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
