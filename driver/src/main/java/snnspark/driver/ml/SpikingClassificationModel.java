package snnspark.driver.ml;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.UserException;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.predict.ImageColumns;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.spark.ImagePredictor;
import snnspark.worker.spark.PixelSource;

/**
 * A trained spiking network as a Spark ML {@code Model}: {@link #transform} appends, per image, the
 * spiking prediction (a double, in {@link #predictionCol}), {@code rate_prediction}, {@code
 * confidence}, {@code output}, {@code settled_step}, {@code spikes} and {@code synops}, computed on
 * the executors. Saved with {@link #write()}, loaded with {@link #load}, which also reads a {@code
 * model.zip} written by {@code snn train}.
 */
public final class SpikingClassificationModel extends Model<SpikingClassificationModel>
    implements MLWritable, SimulationParams {
  private static final long serialVersionUID = 1L;

  /** The folder of a saved model's network inside the saved stage. */
  static final String NETWORK = "network/model.zip";

  private final String uid;
  private final transient TrainedModel trained;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final IntParam steps;
  private final DoubleParam synapse;
  private final Param<String> initialVoltage;

  /** The model of {@code trained}, with the tutorial's evaluation settings. */
  public SpikingClassificationModel(String uid, TrainedModel trained) {
    this.uid = uid;
    this.featuresCol = StageParams.featuresCol(this);
    this.predictionCol = StageParams.predictionCol(this);
    this.steps = StageParams.steps(this);
    this.synapse = StageParams.synapse(this);
    this.initialVoltage = StageParams.initialVoltage(this);
    this.trained = trained;
    setDefault(featuresCol, StageParams.FEATURES);
    setDefault(predictionCol, ImagePredictor.PREDICTION);
    setDefault(steps, SimulationConfig.TUTORIAL_STEPS);
    // The synapse the model was tuned for (0, none, for the seed preset).
    setDefault(synapse, trained.metadata().training().tuning().synapseTau());
    setDefault(initialVoltage, StageParams.INITIAL_VOLTAGE);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The trained network and how it was trained. */
  public TrainedModel trained() {
    return trained;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public IntParam steps() {
    return steps;
  }

  public DoubleParam synapse() {
    return synapse;
  }

  public Param<String> initialVoltage() {
    return initialVoltage;
  }

  public SpikingClassificationModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  public SpikingClassificationModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  public SpikingClassificationModel setSteps(int value) {
    set(steps, value);
    return this;
  }

  public SpikingClassificationModel setSynapse(double value) {
    set(synapse, value);
    return this;
  }

  public SpikingClassificationModel setInitialVoltage(String value) {
    set(initialVoltage, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema, getFeaturesCol(), getPredictionCol());
  }

  /**
   * The schema {@code transform} makes of {@code schema}: its columns, then the simulation's, the
   * prediction named {@code predictionCol}. Refuses an input without column {@code featuresCol},
   * and a name transform would add twice (Spark would fail on the ambiguous column only later).
   */
  static StructType outputSchema(StructType schema, String featuresCol, String predictionCol) {
    StageParams.requireColumn(schema, featuresCol);
    Set<String> names = new HashSet<>(Arrays.asList(schema.fieldNames()));
    StructType out = schema;
    for (StructField added : ImagePredictor.outputSchema(new StructType(), false).fields()) {
      boolean prediction = added.name().equals(ImagePredictor.PREDICTION);
      String name = prediction ? predictionCol : added.name();
      if (!names.add(name)) {
        throw new UserException(
            "column '"
                + name
                + "' is in the input already, and transform adds one of that name"
                + (prediction ? ": set predictionCol to another" : ": rename or drop it"));
      }
      out = out.add(name, prediction ? DataTypes.DoubleType : added.dataType(), false);
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> rows = dataset.toDF();
    StructType schema = rows.schema();
    transformSchema(schema);
    SnnArchitecture arch = trained.metadata().architecture();
    PixelSource pixels =
        ImageColumns.imageColumn("input of " + uid, schema, getFeaturesCol(), arch.input());
    Broadcast<TrainedWeights> weights =
        JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext())
            .broadcast(TrainedWeights.of(arch, trained.network().params()));
    ImagePredictor predictor =
        ImagePredictor.builder()
            .weights(weights)
            .config(simulation(trained.metadata().training().seed()))
            .pixels(pixels)
            .build();
    Dataset<Row> scored =
        rows.mapPartitions(predictor, Encoders.row(ImagePredictor.outputSchema(schema, false)));
    return scored
        .withColumn(
            ImagePredictor.PREDICTION, col(ImagePredictor.PREDICTION).cast(DataTypes.DoubleType))
        .withColumnRenamed(ImagePredictor.PREDICTION, getPredictionCol());
  }

  @Override
  public SpikingClassificationModel copy(ParamMap extra) {
    return copyValues(new SpikingClassificationModel(uid, trained), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** A reader of saved models (and of {@code model.zip} files written by {@code snn train}). */
  public static MLReader<SpikingClassificationModel> read() {
    return new Reader();
  }

  /** The model saved at {@code path}: a saved stage's folder or a {@code model.zip}. */
  public static SpikingClassificationModel load(String path) {
    return read().load(path);
  }

  /** Writes the stage's metadata and the network (as {@code snn train} writes models). */
  private static final class Writer extends MLWriter {
    private final SpikingClassificationModel model;

    Writer(SpikingClassificationModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      Configuration conf = sc().hadoopConfiguration();
      new ModelStore(conf).save(model.trained, path + "/" + NETWORK);
      StageParams.save(model, model.uid, path, sc());
    }
  }

  private static final class Reader extends MLReader<SpikingClassificationModel> {
    @Override
    public SpikingClassificationModel load(String path) {
      Configuration conf = sc().hadoopConfiguration();
      if (path.endsWith(".zip") || !HadoopFiles.exists(path + "/" + StageParams.METADATA, conf)) {
        TrainedModel trained = new ModelStore(conf).load(path);
        return new SpikingClassificationModel(
            Identifiable$.MODULE$.randomUID("SpikingClassificationModel"), trained);
      }
      Map<String, Object> metadata = StageParams.load(path, SpikingClassificationModel.class, sc());
      TrainedModel trained = new ModelStore(conf).load(path + "/" + NETWORK);
      SpikingClassificationModel model =
          new SpikingClassificationModel((String) metadata.get("uid"), trained);
      StageParams.restore(model, metadata, path);
      return model;
    }
  }
}
