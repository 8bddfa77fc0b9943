package snnspark.driver.ml;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.FractionalType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import snnspark.datasets.DatasetException;
import snnspark.driver.io.ExpectedFailures;
import snnspark.driver.io.UserException;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.NetworkJson;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.model.Tuning;
import snnspark.driver.predict.ClassLabels;
import snnspark.driver.predict.ImageColumns;
import snnspark.driver.predict.ImageShapes;
import snnspark.driver.predict.ImageTable;
import snnspark.driver.predict.TableCollector;
import snnspark.driver.predict.TableColumns;
import snnspark.driver.predict.TableTrainingSet;
import snnspark.driver.train.Preset;
import snnspark.driver.train.SparkTrainer;
import snnspark.driver.train.TrainSettings;
import snnspark.driver.train.Workers;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.spark.ImagePredictor;
import snnspark.worker.spark.PixelSource;

/**
 * The spiking network as a Spark ML {@code Estimator}: {@link #fit} trains the SoftLIF rate network
 * by parameter averaging on a DataFrame of images and labels, as {@code snn train} does (the images
 * are taken as 8-bit, as IDX files hold them), and returns a {@link SpikingClassificationModel}
 * that runs it spiking.
 */
public final class SpikingClassifier extends Estimator<SpikingClassificationModel>
    implements MLWritable, SimulationParams {
  private static final long serialVersionUID = 1L;

  /** Images the per-epoch and final rate errors are measured on (of the training set). */
  private static final int CHECK_IMAGES = 1000;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> predictionCol;
  private final Param<String> preset;
  private final IntParam epochs;
  private final IntParam batchSize;
  private final IntParam averagingFrequency;
  private final LongParam seed;
  private final IntParam workers;
  private final IntParam steps;
  private final DoubleParam synapse;
  private final Param<String> initialVoltage;
  private final Param<String> network;
  private final IntArrayParam imageShape;
  private final BooleanParam normalize;

  /** A classifier with the tutorial's settings. */
  public SpikingClassifier() {
    this(Identifiable$.MODULE$.randomUID("SpikingClassifier"));
  }

  /** The same with a given uid. */
  public SpikingClassifier(String uid) {
    this.uid = uid;
    this.featuresCol = StageParams.featuresCol(this);
    this.labelCol = new Param<>(this, "labelCol", "label column: class indices 0..k-1");
    this.predictionCol = StageParams.predictionCol(this);
    this.preset = new Param<>(this, "preset", "training preset: seed (the tutorial's) or tuned");
    this.epochs = new IntParam(this, "epochs", "passes over the data (>= 1)");
    this.batchSize = new IntParam(this, "batchSize", "images per step over all workers together");
    this.averagingFrequency =
        new IntParam(this, "averagingFrequency", "minibatches between parameter averages");
    this.seed = new LongParam(this, "seed", "random seed");
    this.workers =
        new IntParam(this, "workers", "training workers (0: Spark's default parallelism)");
    this.steps = StageParams.steps(this);
    this.synapse = StageParams.synapse(this);
    this.initialVoltage = StageParams.initialVoltage(this);
    this.network = new Param<>(this, "network", "network description, JSON (docs/networks.md)");
    this.imageShape =
        new IntArrayParam(
            this,
            "imageShape",
            "height, width, channels of a flat image column (default: Spark's image struct's own,"
                + " or a square grey image of the values' count)");
    this.normalize =
        new BooleanParam(
            this,
            "normalize",
            "standardise each image channel with the training set's mean and deviation (stored in"
                + " the model, which takes raw images)");
    TrainSettings tutorial = TrainSettings.TUTORIAL;
    setDefault(featuresCol, StageParams.FEATURES);
    setDefault(labelCol, TableColumns.DEFAULT.label());
    setDefault(predictionCol, ImagePredictor.PREDICTION);
    setDefault(preset, Preset.SEED.name().toLowerCase(Locale.ROOT));
    setDefault(epochs, tutorial.epochs());
    setDefault(batchSize, tutorial.batchSize());
    setDefault(averagingFrequency, tutorial.averagingFrequency());
    setDefault(seed, tutorial.seed());
    setDefault(workers, 0);
    setDefault(steps, SimulationConfig.TUTORIAL_STEPS);
    setDefault(synapse, Tuning.SEED.synapseTau());
    setDefault(initialVoltage, StageParams.INITIAL_VOLTAGE);
    setDefault(network, NetworkJson.format(NetworkDescription.TUTORIAL));
    setDefault(normalize, false);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> preset() {
    return preset;
  }

  public IntParam epochs() {
    return epochs;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public IntParam averagingFrequency() {
    return averagingFrequency;
  }

  public LongParam seed() {
    return seed;
  }

  public IntParam workers() {
    return workers;
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

  public Param<String> network() {
    return network;
  }

  public SpikingClassifier setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  public SpikingClassifier setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  public SpikingClassifier setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  public SpikingClassifier setEpochs(int value) {
    set(epochs, value);
    return this;
  }

  public SpikingClassifier setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  public SpikingClassifier setAveragingFrequency(int value) {
    set(averagingFrequency, value);
    return this;
  }

  public SpikingClassifier setSeed(long value) {
    set(seed, value);
    return this;
  }

  public SpikingClassifier setWorkers(int value) {
    set(workers, value);
    return this;
  }

  public SpikingClassifier setSteps(int value) {
    set(steps, value);
    return this;
  }

  public SpikingClassifier setSynapse(double value) {
    set(synapse, value);
    return this;
  }

  public SpikingClassifier setInitialVoltage(String value) {
    set(initialVoltage, value);
    return this;
  }

  /**
   * Trains the network {@code json} describes (docs/networks.md) instead of the tutorial's; a
   * description that cannot be read is refused here, in one line.
   */
  public SpikingClassifier setNetwork(String json) {
    description(json);
    set(network, json);
    return this;
  }

  public String getNetwork() {
    return $(network);
  }

  private NetworkDescription description(String json) {
    return NetworkJson.parse(json, "network description of " + uid);
  }

  /**
   * Trains on {@code dataset}. Bad input found on the executors surfaces as the project's one-line
   * {@link DatasetException}, not as the {@code SparkException} Spark wraps it in.
   */
  @Override
  public SpikingClassificationModel fit(Dataset<?> dataset) {
    try {
      return train(dataset);
    } catch (Exception e) {
      throw ExpectedFailures.rethrow(e);
    }
  }

  private SpikingClassificationModel train(Dataset<?> dataset) {
    Integer workers = Workers.checked(getWorkers() == 0 ? null : getWorkers());
    simulation(0); // the model's transform simulates so: refused now, not after the training
    Dataset<Row> rows = dataset.toDF();
    transformSchema(rows.schema());
    TrainSettings settings = trainSettings();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
    int n = Workers.of(workers, sc);
    settings.batchSizePerWorker(n); // a step's share per worker: refused before the data is read
    InputShape input = imageShapeOf(rows);
    settings.checkFits(input);
    // Every pass (classes, count, minibatches, check images) must see the same rows, whatever the
    // input is (a limit or sample gives others each time): cached as Spark ML's own estimators do.
    ImageTable table = table(rows, input);
    table.rows().persist(StorageLevel.MEMORY_AND_DISK());
    TrainedModel trained;
    List<String> classNames;
    try {
      classNames = classNames(table, rows.schema().apply(getLabelCol()));
      int classes = classNames.size();
      SnnArchitecture arch = settings.architecture(input, classes);
      trained =
          new SparkTrainer(sc, arch, settings, n)
              .train(
                  TableTrainingSet.of(table, classes, 0),
                  TableCollector.collect(table, classes, CHECK_IMAGES),
                  uid,
                  line -> {});
    } finally {
      table.rows().unpersist(false);
    }
    SpikingClassificationModel model =
        new SpikingClassificationModel(
            Identifiable$.MODULE$.randomUID("SpikingClassificationModel"),
            new TrainedModel(trained.network(), trained.metadata().withClassNames(classNames)));
    model.setFeaturesCol(getFeaturesCol());
    model.setPredictionCol(getPredictionCol());
    model.setSteps(getSteps());
    if (isSet(synapse)) {
      model.setSynapse(getSynapse()); // else the synapse the preset tuned the model for
    }
    model.setInitialVoltage(getInitialVoltage());
    return model.setParent(this);
  }

  /** The image shape set, or else the one the features column tells. */
  private InputShape imageShapeOf(Dataset<Row> rows) {
    if (isSet(imageShape)) {
      int[] shape = $(imageShape);
      if (shape.length != 3) {
        throw new UserException(
            "imageShape: expected height, width and channels, got " + shape.length + " numbers");
      }
      return UserException.checking(() -> new InputShape(shape[0], shape[1], shape[2]));
    }
    return ImageShapes.shapeOf("training input of " + uid, rows, getFeaturesCol());
  }

  /** Sets the shape of a flat image column's images: height, width, channels. */
  public SpikingClassifier setImageShape(int height, int width, int channels) {
    set(imageShape, new int[] {height, width, channels});
    return this;
  }

  public IntArrayParam imageShape() {
    return imageShape;
  }

  public BooleanParam normalize() {
    return normalize;
  }

  public SpikingClassifier setNormalize(boolean value) {
    set(normalize, value);
    return this;
  }

  public boolean getNormalize() {
    return (Boolean) getOrDefault(normalize);
  }

  /** The preset's training settings, overridden by each training parameter set on this stage. */
  TrainSettings trainSettings() {
    TrainSettings base = Preset.named(getPreset()).settings();
    int epochCount = isSet(epochs) ? getEpochs() : base.epochs();
    return base.toBuilder()
        .epochs(epochCount)
        .batchSize(isSet(batchSize) ? getBatchSize() : base.batchSize())
        .averagingFrequency(
            isSet(averagingFrequency) ? getAveragingFrequency() : base.averagingFrequency())
        .seed(isSet(seed) ? getSeed() : base.seed())
        .tuning(
            base.tuning().averagingAtMost(epochCount).toBuilder()
                .standardizeInput(getNormalize() || base.tuning().standardizeInput())
                .build())
        .network(description(getNetwork()))
        .build();
  }

  /**
   * {@code rows} in the layout the trainer reads, the executors decoding each image where it lies:
   * no id (rows are named by their place), the label as an integer class index, the features.
   */
  private ImageTable table(Dataset<Row> rows, InputShape input) {
    String source = "training input of " + uid;
    Dataset<Row> selected =
        rows.select(
            functions.lit(null).cast(DataTypes.StringType).as(ImageTable.ID),
            labelIndices(source, rows).as(ImageTable.LABEL),
            rows.col(getFeaturesCol()));
    PixelSource pixels =
        ImageColumns.imageColumn(source, selected.schema(), getFeaturesCol(), input);
    return new ImageTable(selected, pixels, true);
  }

  /**
   * The label column as class indices: integers as they are (ClassLabels), numbers only when whole
   * (a cast would take 1.7 for class 1); strings are refused, with the stage that indexes them.
   */
  private Column labelIndices(String source, Dataset<Row> rows) {
    String name = getLabelCol();
    DataType type = rows.schema().apply(name).dataType();
    if (type instanceof IntegralType) {
      return ClassLabels.indices(source, rows, name, List.of());
    }
    if (!(type instanceof FractionalType)) {
      throw new DatasetException(
          source,
          "label column '"
              + name
              + "' is "
              + type.simpleString()
              + "; labels must be class indices 0..k-1 (index names with StringIndexer)");
    }
    Column label = rows.col(name);
    List<Row> fractional =
        rows.select(label).where(label.notEqual(functions.floor(label))).limit(1).collectAsList();
    if (!fractional.isEmpty()) {
      throw new DatasetException(
          source, "label " + fractional.get(0).get(0) + " is not a class index (a whole number)");
    }
    return label.cast(DataTypes.IntegerType);
  }

  /**
   * The classes' names, as Spark ML counts classes: those the label column's ML metadata declares
   * (a {@code StringIndexer} writes them, in index order), else the indices {@code 0} to the
   * largest label. Fails on a label outside 0-255.
   */
  private List<String> classNames(ImageTable table, StructField labelColumn) {
    int fromLabels = TableTrainingSet.classesOfLabels(table);
    Attribute attribute = Attribute.fromStructField(labelColumn);
    if (attribute instanceof NominalAttribute nominal && nominal.values().isDefined()) {
      return List.of(nominal.values().get());
    }
    if (attribute instanceof NominalAttribute nominal && nominal.getNumValues().isDefined()) {
      return ModelMetadata.indexNames((Integer) nominal.getNumValues().get());
    }
    return ModelMetadata.indexNames(fromLabels);
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  public SpikingClassifier setPreset(String value) {
    set(preset, value);
    return this;
  }

  public String getPreset() {
    return $(preset);
  }

  public int getEpochs() {
    return (Integer) getOrDefault(epochs);
  }

  public int getBatchSize() {
    return (Integer) getOrDefault(batchSize);
  }

  public int getAveragingFrequency() {
    return (Integer) getOrDefault(averagingFrequency);
  }

  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  public int getWorkers() {
    return (Integer) getOrDefault(workers);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StageParams.requireColumn(schema, getLabelCol());
    // What the fitted model's transform makes of it, as a Pipeline checks its next stages against.
    return SpikingClassificationModel.outputSchema(schema, getFeaturesCol(), getPredictionCol());
  }

  @Override
  public SpikingClassifier copy(ParamMap extra) {
    return copyValues(new SpikingClassifier(uid), extra);
  }

  @Override
  public MLWriter write() {
    SpikingClassifier stage = this;
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        StageParams.save(stage, uid, path, sc());
      }
    };
  }

  /** A reader of saved classifiers. */
  public static MLReader<SpikingClassifier> read() {
    return new MLReader<>() {
      @Override
      public SpikingClassifier load(String path) {
        Map<String, Object> metadata = StageParams.load(path, SpikingClassifier.class, sc());
        SpikingClassifier stage = new SpikingClassifier((String) metadata.get("uid"));
        StageParams.restore(stage, metadata, path);
        return stage;
      }
    };
  }

  /** The classifier saved at {@code path}. */
  public static SpikingClassifier load(String path) {
    return read().load(path);
  }
}
