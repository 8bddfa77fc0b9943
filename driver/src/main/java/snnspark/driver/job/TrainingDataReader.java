package snnspark.driver.job;

import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Holdout;
import snnspark.datasets.Split;
import snnspark.datasets.TrainingSet;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.predict.ClassFolders;
import snnspark.driver.predict.ClassLabels;
import snnspark.driver.predict.ImageInput;
import snnspark.driver.predict.ImageShapes;
import snnspark.driver.predict.ImageTable;
import snnspark.driver.predict.ImageTableReader;
import snnspark.driver.predict.InputFormat;
import snnspark.driver.predict.SourceTable;
import snnspark.driver.predict.TableCollector;
import snnspark.driver.predict.TableReadFailures;
import snnspark.driver.predict.TableTrainingSet;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.spark.ImageDecoder;

/**
 * Reads a run's training and test images and tells the network they make: an IDX folder held by the
 * driver (the tutorial's route), or an image folder or table the executors read.
 */
final class TrainingDataReader {
  private final JavaSparkContext sc;
  private final SparkSession session;

  TrainingDataReader(JavaSparkContext sc, SparkSession session) {
    this.sc = sc;
    this.session = session;
  }

  /** The training and test images {@code request} names, and the network they make. */
  TrainingImages read(TrainRequest request) {
    return request.train().formatIn(sc.hadoopConfiguration()) == InputFormat.IDX
        ? idxImages(request)
        : TableReadFailures.reading(request.train().uri(), () -> tableImages(request));
  }

  /** The training and test images of a run, and the network and class names they make. */
  record TrainingImages(
      TrainingSet train, Dataset test, SnnArchitecture arch, List<String> classNames) {}

  /** An IDX folder's training split, held by the driver and broadcast, as the tutorial's. */
  private TrainingImages idxImages(TrainRequest request) {
    TrainSettings settings = request.settings();
    Dataset all =
        new DatasetLoader(sc.hadoopConfiguration()).load(request.train().uri(), Split.TRAIN);
    Holdout holdout = request.holdout();
    Dataset train = holdout == null ? all : holdout.part(all, false);
    if (settings.trainLimit() > 0) {
      train = train.head(settings.trainLimit());
    }
    SnnArchitecture arch =
        settings.architecture(
            new InputShape(train.rows(), train.cols(), train.channels()), train.classes());
    List<String> classNames = ModelMetadata.indexNames(arch.classes());
    Dataset test =
        holdout == null
            ? testSet(request.test(), null, arch, classNames, request.testLimit())
            : nonEmpty(
                limited(holdout.part(all, true), request.testLimit()),
                request.train().uri(),
                holdout);
    return new TrainingImages(train, test, arch, classNames);
  }

  private static Dataset limited(Dataset data, int limit) {
    return limit > 0 ? data.head(limit) : data;
  }

  /**
   * A table or image folder, read by the executors: an image folder's classes are its subfolders'
   * names and its image shape the first image's (every other must agree); a Parquet or CSV table's
   * classes are its integer labels' and its shape the one given, or else a square grey image of its
   * values' count.
   */
  private TrainingImages tableImages(TrainRequest request) {
    Configuration conf = sc.hadoopConfiguration();
    ImageInput input = request.train();
    InputFormat format = input.formatIn(conf);
    if (format != InputFormat.IMAGES) {
      SourceTable source = SourceTable.read(session, input.uri(), format);
      InputShape shape = ImageShapes.tableShape(source, input.columns(), input.shape());
      request.settings().checkFits(shape);
      // Classes named by string labels, or null for integer labels.
      List<String> named = ClassLabels.labelNames(source, input.columns());
      ImageTable table =
          new ImageTableReader(session, shape, named == null ? List.of() : named, input.columns())
              .read(source);
      return trainingImages(request, table, shape, named);
    }
    List<String> named = ClassFolders.of(input.uri(), conf);
    InputShape shape = firstImageShape(input.uri(), named);
    request.settings().checkFits(shape);
    ImageTable table =
        sorted(
            new ImageTableReader(session, shape, named, input.columns()).read(input.uri(), format));
    return trainingImages(request, table, shape, named);
  }

  /**
   * The training and test images of {@code table}, whose classes are {@code named} (null: its
   * integer labels' indices).
   */
  private TrainingImages trainingImages(
      TrainRequest request, ImageTable table, InputShape shape, List<String> named) {
    List<String> classNames =
        named != null ? named : ModelMetadata.indexNames(TableTrainingSet.classesOfLabels(table));
    SnnArchitecture arch = request.settings().architecture(shape, classNames.size());
    Holdout holdout = request.holdout();
    TrainingSet train =
        TableTrainingSet.of(
            holdout == null ? table : TableTrainingSet.part(table, holdout, false),
            arch.classes(),
            request.settings().trainLimit());
    Dataset test =
        holdout == null
            ? testSet(request.test(), null, arch, classNames, request.testLimit())
            : nonEmpty(
                TableCollector.collect(
                    TableTrainingSet.part(table, holdout, true),
                    arch.classes(),
                    request.testLimit()),
                request.train().uri(),
                holdout);
    return new TrainingImages(train, test, arch, classNames);
  }

  /** The shape of the first image (in name order) of an image folder's first class. */
  private InputShape firstImageShape(String uri, List<String> classNames) {
    Configuration conf = sc.hadoopConfiguration();
    String first = ClassFolders.firstImage(uri + "/" + classNames.get(0), conf);
    return ImageDecoder.shape(first, HadoopFiles.read(first, conf, InputStream::readAllBytes));
  }

  /** An image folder's table in the order of the files' names, the same on every run. */
  private static ImageTable sorted(ImageTable table) {
    return new ImageTable(table.rows().orderBy(ImageTable.ID), table.pixels(), table.labelled());
  }

  /**
   * The labelled test images of {@code input} for a network {@code arch} with classes {@code
   * classNames}, on the driver: an IDX folder's test split, or a table the executors read; with
   * {@code holdout}, the held-out part of the training images {@code input} holds.
   */
  Dataset testSet(
      ImageInput input, Holdout holdout, SnnArchitecture arch, List<String> classNames, int limit) {
    Configuration conf = sc.hadoopConfiguration();
    InputFormat format = input.formatIn(conf);
    if (format == InputFormat.IDX) {
      return nonEmpty(
          holdout == null
              ? load(input.uri(), Split.TEST, arch, limit)
              : limited(holdout.part(load(input.uri(), Split.TRAIN, arch, 0), true), limit),
          input.uri(),
          holdout);
    }
    return nonEmpty(
        TableReadFailures.reading(
            input.uri(), () -> tableTestSet(input, format, holdout, arch, classNames, limit)),
        input.uri(),
        holdout);
  }

  /**
   * {@code test}, refused when it holds no image: an error rate of no images is no figure, and the
   * report has none to draw.
   */
  private static Dataset nonEmpty(Dataset test, String source, Holdout holdout) {
    if (test.count() == 0) {
      throw new DatasetException(
          source,
          holdout == null
              ? "no test images"
              : "no images held out for testing (validation fraction "
                  + holdout.fraction()
                  + "); hold out more, or give a test set");
    }
    return test;
  }

  /** {@link #testSet} of a table or image folder. */
  private Dataset tableTestSet(
      ImageInput input,
      InputFormat format,
      Holdout holdout,
      SnnArchitecture arch,
      List<String> classNames,
      int limit) {
    ImageTable table =
        new ImageTableReader(session, arch.input(), classNames, input.columns())
            .read(input.uri(), format);
    if (format == InputFormat.IMAGES) {
      checkClassFolders(input.uri(), classNames, sc.hadoopConfiguration());
      table = sorted(table);
    }
    if (holdout != null) {
      table = TableTrainingSet.part(table, holdout, true);
    }
    return TableCollector.collect(table, arch.classes(), limit);
  }

  /** Fails on a labelled image folder's subfolder that is named after none of the classes. */
  private static void checkClassFolders(String uri, List<String> classNames, Configuration conf) {
    for (String folder : ClassFolders.subfolders(uri, conf)) {
      if (!classNames.contains(folder)) {
        throw new DatasetException(
            uri + "/" + folder,
            "a folder named after none of the model's classes ("
                + String.join(", ", classNames)
                + ")");
      }
    }
  }

  /**
   * Loads a split, checked against the architecture's image size, limited to {@code limit} (0:
   * all).
   */
  private Dataset load(String dataDir, Split split, SnnArchitecture arch, int limit) {
    DatasetLoader.checkGrey(dataDir, arch.channels());
    Dataset data =
        new DatasetLoader(sc.hadoopConfiguration())
            .load(dataDir, split, arch.rows(), arch.cols(), arch.classes());
    return limit > 0 ? data.head(limit) : data;
  }
}
