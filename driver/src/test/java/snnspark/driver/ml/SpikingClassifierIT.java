package snnspark.driver.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.DatasetException;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.SharedSparkContext;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.driver.evaluate.SpikingEvaluator;
import snnspark.driver.io.UserException;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.ModelStore;
import snnspark.worker.TrainedWeights;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.neuron.NeuronModel;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;

/**
 * The Spark ML stages in a real {@code Pipeline} between Spark's own stages: trained by parameter
 * averaging, scored spiking with the accuracy the evaluation gives, saved and loaded.
 */
class SpikingClassifierIT {
  private static final int STEPS = 20;

  @TempDir static Path dir;
  private static SparkSession spark;
  private static snnspark.datasets.Dataset test;
  private static Dataset<Row> trainTable;
  private static Dataset<Row> testTable;

  @BeforeAll
  static void data() {
    spark = SparkSession.builder().config(SharedSparkContext.testConf("ml-test")).getOrCreate();
    String mnist = TestDatasets.mnist().toString();
    trainTable = table(new DatasetLoader().load(mnist, Split.TRAIN).head(3000));
    test = new DatasetLoader().load(mnist, Split.TEST).head(200);
    testTable = table(test);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> table(snnspark.datasets.Dataset images) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < images.count(); i++) {
      float[] values = images.imagesAsFloats(i, i + 1);
      Float[] boxed = new Float[values.length];
      for (int p = 0; p < values.length; p++) {
        boxed[p] = values[p];
      }
      rows.add(RowFactory.create(images.label(i), boxed));
    }
    StructType schema =
        new StructType()
            .add("label", DataTypes.IntegerType)
            .add("pixels", DataTypes.createArrayType(DataTypes.FloatType));
    return spark.createDataFrame(rows, schema).repartition(2);
  }

  private static double accuracy(Dataset<Row> scored) {
    return new MulticlassClassificationEvaluator()
        .setLabelCol("label")
        .setPredictionCol("spiking")
        .setMetricName("accuracy")
        .evaluate(scored);
  }

  @Test
  void pipelineTrainsScoresWithTheEvaluationsAccuracyAndSurvivesSaveAndLoad() throws Exception {
    SpikingClassifier classifier =
        new SpikingClassifier()
            .setFeaturesCol("features")
            .setPredictionCol("spiking")
            .setEpochs(1)
            .setBatchSize(100)
            .setWorkers(2)
            .setSteps(STEPS);
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new SQLTransformer()
                      .setStatement("SELECT label, pixels AS features FROM __THIS__"),
                  classifier
                });
    PipelineModel fitted = pipeline.fit(trainTable);
    Dataset<Row> scored = fitted.transform(testTable);
    double accuracy = accuracy(scored);

    // The same weights through the engine of 'snn evaluate', on the same images.
    SpikingClassificationModel model = (SpikingClassificationModel) fitted.stages()[1];
    EvaluationStats stats = evaluated(model);
    System.out.printf(
        "pipeline accuracy %.4f, evaluation error %.4f%n", accuracy, stats.finalError());
    assertEquals(1 - stats.finalError(), accuracy, 1e-12);
    assertTrue(accuracy > 0.5, "a trained network beats chance by far: " + accuracy);

    String saved = dir.resolve("pipeline").toString();
    fitted.write().overwrite().save(saved);
    PipelineModel loaded = PipelineModel.load(saved);
    assertEquals(accuracy, accuracy(loaded.transform(testTable)), 0);
    SpikingClassificationModel back = (SpikingClassificationModel) loaded.stages()[1];
    assertEquals(STEPS, back.getSteps());
    assertEquals("spiking", back.getPredictionCol());

    // A model.zip as 'snn train' writes it loads as the model too.
    String zip = dir.resolve("train/model.zip").toString();
    new ModelStore(spark.sparkContext().hadoopConfiguration()).save(model.trained(), zip);
    SpikingClassificationModel fromZip =
        SpikingClassificationModel.load(zip).setPredictionCol("spiking").setSteps(STEPS);
    assertEquals(accuracy, accuracy(fromZip.setFeaturesCol("pixels").transform(testTable)), 0);
  }

  /** {@code model}'s test error as 'snn evaluate' measures it, on 2 workers. */
  private EvaluationStats evaluated(SpikingClassificationModel model) {
    TrainedWeights weights =
        TrainedWeights.of(
            model.trained().metadata().architecture(), model.trained().network().params());
    SimulationConfig config =
        new SimulationConfig(
            STEPS,
            SimulationConfig.DT,
            SimulationConfig.OUTPUT_SYNAPSE_TAU,
            0,
            InitialVoltage.UNIFORM,
            model.trained().metadata().training().seed(),
            NeuronModel.LIF);
    return new SpikingEvaluator(
            JavaSparkContext.fromSparkContext(spark.sparkContext()), 2, SimulatorKind.EVENT_DRIVEN)
        .evaluate(weights, test, config);
  }

  @Test
  void theClassesAreTheLabelColumnsAsSparkMlCountsThem() {
    Dataset<Row> few = trainTable.limit(200);
    SpikingClassifier classifier =
        new SpikingClassifier().setFeaturesCol("pixels").setEpochs(1).setBatchSize(100);
    // Labels 0..9 and no metadata: 0 to the largest label.
    assertEquals(10, classifier.fit(few).trained().metadata().architecture().classes());
    // A nominal attribute (as StringIndexer writes) declares 12 classes, two never seen.
    String[] names = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};
    Dataset<Row> declared =
        few.withColumn(
            "label",
            few.col("label")
                .as("label", NominalAttribute.defaultAttr().withValues(names).toMetadata()));
    ModelMetadata fitted = classifier.fit(declared).trained().metadata();
    assertEquals(12, fitted.architecture().classes());
    assertEquals(List.of(names), fitted.classNames()); // the indexer's values, in index order
  }

  @Test
  void sparksImageSourceAndAStringIndexerTrainAColourNetworkOfTheImagesShape() throws Exception {
    String[] colours = {"red", "green", "blue"};
    int[] rgb = {0xff0000, 0x00ff00, 0x0000ff};
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int c = 0; c < colours.length; c++) {
      Path folder = java.nio.file.Files.createDirectories(dir.resolve("pictures/" + colours[c]));
      for (int i = 0; i < 20 + 5 * c; i++) {
        java.awt.image.BufferedImage image =
            new java.awt.image.BufferedImage(10, 12, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
          for (int x = 0; x < 10; x++) {
            image.setRGB(x, y, y < 6 ? rgb[c] : random.nextInt(64) * 0x010101);
          }
        }
        javax.imageio.ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
      }
    }
    Dataset<Row> pictures =
        spark
            .read()
            .format("image")
            .load(dir.resolve("pictures").toString() + "/*")
            .withColumn(
                "colour",
                functions.regexp_extract(functions.col("image.origin"), "/(\\w+)/[^/]+$", 1));
    PipelineModel fitted =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new StringIndexer().setInputCol("colour").setOutputCol("label"),
                  new SpikingClassifier()
                      .setFeaturesCol("image")
                      .setPredictionCol("spiking")
                      .setNetwork("{\"layers\": [{\"type\": \"dense\", \"units\": 16}]}")
                      .setEpochs(4)
                      .setBatchSize(15)
                      .setNormalize(true)
                      .setSteps(STEPS)
                })
            .fit(pictures);

    SpikingClassificationModel model = (SpikingClassificationModel) fitted.stages()[1];
    ModelMetadata metadata = model.trained().metadata();
    // The shape is the images' own (Spark's BGR bytes taken as RGB planes), the classes the
    // indexer's, most frequent first.
    assertEquals(12, metadata.architecture().rows());
    assertEquals(10, metadata.architecture().cols());
    assertEquals(3, metadata.architecture().channels());
    assertEquals(List.of("blue", "green", "red"), metadata.classNames());
    // Standardised in training, folded into the model: transform takes the raw images.
    assertEquals(3, metadata.inputStandardization().channels());
    assertTrue(metadata.training().tuning().standardizeInput());
    double accuracy = accuracy(fitted.transform(pictures));
    assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
  }

  @Test
  void badInputOnTheExecutorsIsTheProjectsOneLineNotSparksWrapping() {
    Dataset<Row> badLabel = trainTable.limit(50).withColumn("label", functions.lit(-1));
    DatasetException refused =
        assertThrows(
            DatasetException.class,
            () -> new SpikingClassifier().setFeaturesCol("pixels").setEpochs(1).fit(badLabel));
    assertTrue(refused.getMessage().contains("label -1 outside 0-255"), refused.getMessage());
    assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
  }

  /** The network is checked against the images before the labels are read (a pass over all). */
  @Test
  void aNetworkThatDoesNotFitIsRefusedBeforeTheLabelsAreRead() {
    Dataset<Row> badLabel = trainTable.limit(50).withColumn("label", functions.lit(-1));
    SpikingClassifier wide =
        new SpikingClassifier()
            .setFeaturesCol("pixels")
            .setEpochs(1)
            .setNetwork("{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 30}]}");
    UserException refused = assertThrows(UserException.class, () -> wide.fit(badLabel));
    assertTrue(
        refused.getMessage().startsWith("network, for 28x28x1 images: layer 1 (conv): a 30x30"),
        refused.getMessage());
  }

  /** A cast would take 1.5 for class 1 and a name for no label at all: both are refused. */
  @Test
  void labelsThatAreNoClassIndicesAreRefused() {
    SpikingClassifier classifier = new SpikingClassifier().setFeaturesCol("pixels").setEpochs(1);
    Dataset<Row> halves =
        trainTable.limit(50).withColumn("label", functions.col("label").plus(0.5));
    DatasetException fractional =
        assertThrows(DatasetException.class, () -> classifier.fit(halves));
    assertTrue(
        fractional.getMessage().endsWith("is not a class index (a whole number)"),
        fractional.getMessage());
    Dataset<Row> names = trainTable.limit(50).withColumn("label", functions.lit("seven"));
    DatasetException named = assertThrows(DatasetException.class, () -> classifier.fit(names));
    assertTrue(
        named
            .getMessage()
            .endsWith(
                "label column 'label' is string; labels must be class indices"
                    + " 0..k-1 (index names with StringIndexer)"),
        named.getMessage());
  }

  @Test
  void aStepSmallerThanTheWorkersIsRefusedInTheCommandLinesWords() {
    SpikingClassifier tiny =
        new SpikingClassifier().setFeaturesCol("pixels").setBatchSize(1).setWorkers(2);
    UserException refused = assertThrows(UserException.class, () -> tiny.fit(trainTable));
    assertEquals(
        "batchSize 1 is smaller than workers 2: each worker needs at least one image per step",
        refused.getMessage());
  }

  @Test
  void aNegativeWorkerCountIsRefusedAsTheCliRefusesIt() {
    SpikingClassifier negative =
        new SpikingClassifier().setFeaturesCol("pixels").setEpochs(1).setWorkers(-2);
    UserException refused =
        assertThrows(UserException.class, () -> negative.fit(trainTable.limit(50)));
    assertEquals(
        "workers must be at least 1 (or unset: Spark's default parallelism), got -2",
        refused.getMessage());
  }

  @Test
  void classifierParametersSurviveSaveAndLoad() throws Exception {
    SpikingClassifier classifier =
        new SpikingClassifier()
            .setPreset("tuned")
            .setEpochs(3)
            .setSynapse(0.005)
            .setNormalize(true)
            .setNetwork("{\"layers\": [{\"type\": \"dense\", \"units\": 30}]}");
    String path = dir.resolve("classifier").toString();
    classifier.write().overwrite().save(path);
    SpikingClassifier back = SpikingClassifier.load(path);
    assertEquals(classifier.uid(), back.uid());
    assertEquals(3, back.getEpochs());
    assertEquals("tuned", back.getPreset());
    assertEquals(0.005, back.getSynapse());
    assertTrue(back.getNormalize());
    assertEquals(classifier.getNetwork(), back.getNetwork());
    UserException asModel =
        assertThrows(UserException.class, () -> SpikingClassificationModel.load(path));
    assertEquals(
        path
            + ": a saved snnspark.driver.ml.SpikingClassifier, not a SpikingClassificationModel"
            + " to load",
        asModel.getMessage());
  }
}
