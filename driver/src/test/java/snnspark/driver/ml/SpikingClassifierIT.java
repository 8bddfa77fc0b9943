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
            model.trained().metadata().seed(),
            NeuronModel.LIF);
    EvaluationStats stats =
        new SpikingEvaluator(
                JavaSparkContext.fromSparkContext(spark.sparkContext()),
                2,
                SimulatorKind.EVENT_DRIVEN)
            .evaluate(weights, test, config);
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
  void badInputOnTheExecutorsIsTheProjectsOneLineNotSparksWrapping() {
    Dataset<Row> badLabel = trainTable.limit(50).withColumn("label", functions.lit(-1));
    DatasetException refused =
        assertThrows(
            DatasetException.class,
            () -> new SpikingClassifier().setFeaturesCol("pixels").setEpochs(1).fit(badLabel));
    assertTrue(refused.getMessage().contains("label -1 outside 0-255"), refused.getMessage());
    assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
  }

  @Test
  void classifierParametersSurviveSaveAndLoad() throws Exception {
    SpikingClassifier classifier =
        new SpikingClassifier()
            .setPreset("tuned")
            .setEpochs(3)
            .setSynapse(0.005)
            .setNetwork("{\"layers\": [{\"type\": \"dense\", \"units\": 30}]}");
    String path = dir.resolve("classifier").toString();
    classifier.write().overwrite().save(path);
    SpikingClassifier back = SpikingClassifier.load(path);
    assertEquals(classifier.uid(), back.uid());
    assertEquals(3, back.getEpochs());
    assertEquals("tuned", back.getPreset());
    assertEquals(0.005, back.getSynapse());
    assertEquals(classifier.getNetwork(), back.getNetwork());
  }
}
