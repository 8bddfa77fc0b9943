package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.datasets.Holdout;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;

/**
 * A table the executors read gives the trainer the same minibatches, on the same partitions, as the
 * same images held by the driver: so training from either is the same training.
 */
class TableTrainingSetTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("table-training-set").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset colourImages(int count, int classes) {
    SplittableRandom random = new SplittableRandom(7);
    byte[] pixels = new byte[count * 3 * 4 * 5];
    byte[] labels = new byte[count];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) random.nextInt(classes);
    }
    return new Dataset("colour", count, 3, 4, 5, classes, pixels, labels);
  }

  private static ImageTable table(Dataset data) {
    SnnArchitecture arch =
        new SnnArchitecture(
            new InputShape(data.rows(), data.cols(), data.channels()),
            new NetworkDescription(List.of(new LayerSpec.Dense(4))),
            data.classes(),
            NeuronParams.TUTORIAL);
    return new ImageTableReader(spark, arch.input(), List.of("a", "b", "c"), TableColumns.DEFAULT)
        .fromDataset(data);
  }

  @Test
  void theMinibatchesAndTheirPartitionsAreThoseOfTheSameImagesOnTheDriver() {
    Dataset data = colourImages(53, 3);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TableTrainingSet table = TableTrainingSet.of(table(data), 3, 0);

    List<List<DataSet>> fromTable = table.minibatches(sc, 7, 3).glom().collect();
    List<List<DataSet>> fromDriver = data.minibatches(sc, 7, 3).glom().collect();

    assertEquals(53, table.count());
    assertEquals(fromDriver.size(), fromTable.size());
    for (int p = 0; p < fromDriver.size(); p++) {
      assertEquals(fromDriver.get(p).size(), fromTable.get(p).size(), "partition " + p);
      for (int b = 0; b < fromDriver.get(p).size(); b++) {
        assertEquals(fromDriver.get(p).get(b).getFeatures(), fromTable.get(p).get(b).getFeatures());
        assertEquals(fromDriver.get(p).get(b).getLabels(), fromTable.get(p).get(b).getLabels());
      }
    }
  }

  @Test
  void aLimitTrainsOnTheTablesFirstImages() {
    Dataset data = colourImages(30, 3);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<DataSet> batches = TableTrainingSet.of(table(data), 3, 12).minibatches(sc, 5, 2).collect();
    List<DataSet> expected = data.head(12).minibatches(sc, 5, 2).collect();
    assertEquals(expected, batches);
  }

  @Test
  void aHoldoutTakesTheSameImagesFromATableAsFromTheDriversSet() {
    Dataset data = colourImages(40, 3);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Holdout holdout = new Holdout(0.3, 5);
    Dataset held = TableCollector.collect(TableTrainingSet.part(table(data), holdout, true), 3, 0);
    assertEquals(holdout.part(data, true), held);
    List<DataSet> kept =
        TableTrainingSet.of(TableTrainingSet.part(table(data), holdout, false), 3, 0)
            .minibatches(sc, 5, 2)
            .collect();
    assertEquals(holdout.part(data, false).minibatches(sc, 5, 2).collect(), kept);
  }

  @Test
  void aLabelOutsideTheClassesNamesItsRow() {
    Dataset data = colourImages(10, 3);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Exception e =
        assertThrows(
            Exception.class,
            () -> TableTrainingSet.of(table(data), 2, 0).minibatches(sc, 5, 2).collect());
    Throwable cause = e;
    while (!(cause instanceof DatasetException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertEquals(DatasetException.class, cause.getClass(), e.toString());
    assertTrue(
        cause.getMessage().contains(": label 2 is not one of the 2 classes 0..1"),
        cause.getMessage());
  }
}
