package snnspark.driver.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.IdxFiles;
import snnspark.datasets.SharedSparkContext;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.model.TrainingRun;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/**
 * Real files for the scoring tests, all holding the same MNIST test images: an IDX folder, a
 * Parquet table, CSV files and a folder of grey PNGs; and a model trained briefly on MNIST.
 */
final class ImageFixtures {
  static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;

  private ImageFixtures() {}

  /** The first {@code n} MNIST test images. */
  static Dataset testImages(int n) {
    return new DatasetLoader().load(TestDatasets.mnist().toString(), Split.TEST).head(n);
  }

  /** A model trained for {@code steps} minibatches of 100 MNIST training images, saved. */
  static String trainedModel(Path dir, int steps) {
    Dataset train = new DatasetLoader().load(TestDatasets.mnist().toString(), Split.TRAIN);
    MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 3));
    net.init();
    for (int s = 0; s < steps; s++) {
      net.fit(train.toDataSet(s * 100, (s + 1) * 100));
    }
    String uri = dir.resolve("model/model.zip").toString();
    ModelMetadata metadata =
        ModelMetadata.builder()
            .architecture(ARCH)
            .training(
                TrainingRun.builder()
                    .dataset("mnist")
                    .nTrain(steps * 100)
                    .epochs(1)
                    .workers(1)
                    .batchSizePerWorker(100)
                    .averagingFrequency(1)
                    .seed(3)
                    .lossByEpoch(List.of())
                    .rateErrorByEpoch(List.of())
                    .build())
            .build();
    new ModelStore(new Configuration()).save(new TrainedModel(net, metadata), uri);
    return uri;
  }

  /** The images as an IDX test split in {@code dir}. */
  static Path idx(Path dir, Dataset images) {
    IdxFiles.write(
        dir.resolve(Split.TEST.imagesFile()),
        IdxFiles.images(images.count(), images.rows(), images.cols(), images.pixels()));
    IdxFiles.write(dir.resolve(Split.TEST.labelsFile()), IdxFiles.labels(images.labels()));
    return dir;
  }

  /** One grey PNG per image, {@code img-00007.png} for image 7. */
  static Path pngs(Path dir, Dataset images) {
    try {
      Files.createDirectories(dir);
      for (int i = 0; i < images.count(); i++) {
        BufferedImage png =
            new BufferedImage(images.cols(), images.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = images.slice(i, i + 1).pixels();
        png.getRaster().setDataElements(0, 0, images.cols(), images.rows(), pixels);
        ImageIO.write(png, "png", dir.resolve(pngName(i)).toFile());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pngName(int i) {
    return String.format(Locale.ROOT, "img-%05d.png", i);
  }

  /** The images as a Parquet table: id (the index), label, features array<float> in [0, 1]. */
  static Path parquet(SparkSession spark, Path file, Dataset images) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < images.count(); i++) {
      float[] values = images.imagesAsFloats(i, i + 1);
      Float[] boxed = new Float[values.length];
      for (int p = 0; p < values.length; p++) {
        boxed[p] = values[p];
      }
      rows.add(RowFactory.create(String.valueOf(i), images.label(i), boxed));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("label", DataTypes.IntegerType)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType));
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(file.toString());
    return file;
  }

  /** The images as CSV, one integer column per pixel (0-255) plus id and label. */
  static Path csvColumns(Path file, Dataset images) {
    StringBuilder csv = new StringBuilder("id,label");
    for (int p = 0; p < images.imageSize(); p++) {
      csv.append(",p").append(p);
    }
    csv.append('\n');
    for (int i = 0; i < images.count(); i++) {
      csv.append(i).append(',').append(images.label(i));
      byte[] pixels = images.slice(i, i + 1).pixels();
      for (byte p : pixels) {
        csv.append(',').append(p & 0xff);
      }
      csv.append('\n');
    }
    return write(file, csv.toString());
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A SparkSession for writing fixtures, in this JVM's shared test configuration. */
  static SparkSession spark() {
    return SparkSession.builder()
        .config(SharedSparkContext.testConf("snn-spark-fixtures"))
        .getOrCreate();
  }
}
