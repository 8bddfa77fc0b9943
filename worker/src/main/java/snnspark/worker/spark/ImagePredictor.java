package snnspark.worker.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.Predef;
import scala.collection.JavaConverters;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetException;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.Stopwatch;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SimulatorKind;
import snnspark.worker.sim.SpikingResult;
import snnspark.worker.sim.SpikingSimulator;
import snnspark.worker.train.Dl4jNetworks;

/**
 * Runs on an executor: scores every row of an image table with the spiking network (and the rate
 * network beside it) and appends the per-image columns to the row. Rows stream through in batches
 * of {@link ImageBatch#PREFERRED_SIZE}; a partition is never held whole.
 */
public final class ImagePredictor implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The class of the lowpass-filtered spiking output at the last step. */
  public static final String PREDICTION = "prediction";

  /** The class the SoftLIF rate network gives. */
  public static final String RATE_PREDICTION = "rate_prediction";

  /** Softmax of the filtered output at the last step, at the prediction. */
  public static final String CONFIDENCE = "confidence";

  /** The filtered outputs at the last step, one per class. */
  public static final String OUTPUT = "output";

  /** First step (1-based) from which the prediction no longer changes. */
  public static final String SETTLED_STEP = "settled_step";

  /** Spikes per neuron layer over all steps. */
  public static final String SPIKES = "spikes";

  /** Synaptic events of the image over all layers and steps. */
  public static final String SYNOPS = "synops";

  /** The prediction at every step. */
  public static final String PREDICTION_BY_STEP = "prediction_by_step";

  private final Broadcast<TrainedWeights> weights;
  private final SimulationConfig config;
  private final PixelSource pixels;
  private final int idColumn;
  private final int labelColumn;
  private final boolean perStep;
  private final StatsAccumulator stats;

  /** The neuron layers' names, the keys of the spikes map; set when a task starts. */
  private List<String> layerNames;

  private ImagePredictor(Builder b) {
    this.weights = b.weights;
    this.config = b.config;
    this.pixels = b.pixels;
    this.idColumn = b.idColumn;
    this.labelColumn = b.labelColumn;
    this.perStep = b.perStep;
    this.stats = b.stats;
  }

  /** A builder: weights, settings and pixel source are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The input's schema with the prediction columns appended. */
  public static StructType outputSchema(StructType input, boolean perStep) {
    StructType out =
        input
            .add(PREDICTION, DataTypes.IntegerType, false)
            .add(RATE_PREDICTION, DataTypes.IntegerType, false)
            .add(CONFIDENCE, DataTypes.DoubleType, false)
            .add(OUTPUT, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(SETTLED_STEP, DataTypes.IntegerType, false)
            .add(
                SPIKES,
                DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false),
                false)
            .add(SYNOPS, DataTypes.LongType, false);
    return perStep
        ? out.add(
            PREDICTION_BY_STEP, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        : out;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    GpuBinding.bindToAssignedGpu();
    TrainedWeights w = weights.value();
    SnnArchitecture arch = w.architecture();
    layerNames = arch.neuronLayerNames();
    SpikingSimulator simulator = SimulatorKind.EVENT_DRIVEN.create(arch, w.paramsArray());
    MultiLayerNetwork rate = new MultiLayerNetwork(Dl4jNetworks.training(arch, 0));
    rate.init(w.paramsArray(), false);
    TaskContext task = TaskContext.get();
    int partition = task == null ? 0 : task.partitionId();
    return new Iterator<>() {
      private final List<Row> ready = new ArrayList<>();
      private int next;
      private long position;

      @Override
      public boolean hasNext() {
        if (next < ready.size()) {
          return true;
        }
        ready.clear();
        next = 0;
        List<Row> batch = new ArrayList<>(ImageBatch.PREFERRED_SIZE);
        while (batch.size() < ImageBatch.PREFERRED_SIZE && rows.hasNext()) {
          batch.add(rows.next());
        }
        if (!batch.isEmpty()) {
          ready.addAll(score(batch, simulator, rate, arch, partition, position));
          position += batch.size();
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(next++);
      }
    };
  }

  private List<Row> score(
      List<Row> batch,
      SpikingSimulator simulator,
      MultiLayerNetwork rate,
      SnnArchitecture arch,
      int partition,
      long position) {
    int n = batch.size();
    float[] values = new float[n * pixels.imageSize()];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      String name = rowName(batch.get(i), partition, position + i);
      pixels.read(batch.get(i), name, values, i * pixels.imageSize());
      labels[i] = label(batch.get(i), name, arch.classes());
    }
    ImageBatch images = new ImageBatch(n, pixels.channels(), pixels.rows(), pixels.cols(), values);
    Stopwatch clock = Stopwatch.start();
    SpikingResult result = simulator.run(images, config);
    double seconds = clock.seconds();
    if (stats != null) {
      stats.add(
          EvaluationStats.empty(config.steps(), arch.classes(), arch.neuronsPerImage())
              .add(result, labels, seconds));
    }
    INDArray rateOutput = rate.output(images.features(), false);
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(append(batch.get(i), result, i, rateOutput.getRow(i).argMax().getInt(0)));
    }
    return out;
  }

  /** The id of a row, or its place in its partition, for messages. */
  private String rowName(Row row, int partition, long position) {
    if (idColumn >= 0 && !row.isNullAt(idColumn)) {
      return "row with id " + row.get(idColumn);
    }
    return "row " + position + " of partition " + partition;
  }

  /** The row's label, checked; -1 without a label column or for a null label. */
  private int label(Row row, String name, int classes) {
    if (labelColumn < 0 || row.isNullAt(labelColumn)) {
      if (stats != null) {
        throw pixels.problem(name, "has no label; an evaluation needs every label");
      }
      return -1;
    }
    long label = ((Number) row.get(labelColumn)).longValue();
    if (label < 0 || label >= classes) {
      throw new DatasetException(
          pixels.source(),
          name
              + ", column "
              + row.schema().fields()[labelColumn].name()
              + ": label "
              + label
              + " "
              + Dataset.notAClass(classes));
    }
    return (int) label;
  }

  private Row append(Row row, SpikingResult result, int i, int ratePrediction) {
    int classes = result.classes();
    int last = result.steps() - 1;
    float[] output = new float[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      output[c] = result.filtered(i, last, c);
      max = Math.max(max, output[c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(output[c] - max);
    }
    int prediction = result.finalPrediction(i);
    Map<String, Long> spikes = new LinkedHashMap<>();
    for (int l = 0; l < layerNames.size(); l++) {
      spikes.put(layerNames.get(l), result.counts().imageSpikes(i, l));
    }
    int[] byStep = new int[result.steps()];
    int settled = result.steps();
    for (int t = last; t >= 0; t--) {
      byStep[t] = result.predictions()[t][i];
    }
    while (settled > 1 && byStep[settled - 2] == prediction) {
      settled--;
    }
    List<Object> values = new ArrayList<>(row.size() + 8);
    for (int c = 0; c < row.size(); c++) {
      values.add(row.get(c));
    }
    values.add(prediction);
    values.add(ratePrediction);
    values.add(Math.exp(output[prediction] - max) / sum);
    values.add(boxed(output));
    values.add(settled);
    values.add(JavaConverters.mapAsScalaMap(spikes).toMap(Predef.$conforms()));
    values.add(result.counts().imageSynapticEvents(i));
    if (perStep) {
      values.add(boxed(byStep));
    }
    return RowFactory.create(values.toArray());
  }

  private static Float[] boxed(float[] values) {
    Float[] out = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static Integer[] boxed(int[] values) {
    Integer[] out = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** Builds an {@link ImagePredictor}. */
  public static final class Builder {
    private Broadcast<TrainedWeights> weights;
    private SimulationConfig config;
    private PixelSource pixels;
    private int idColumn = -1;
    private int labelColumn = -1;
    private boolean perStep;
    private StatsAccumulator stats;

    private Builder() {}

    /** The broadcast weights to score with. */
    public Builder weights(Broadcast<TrainedWeights> value) {
      this.weights = value;
      return this;
    }

    /** Steps, synapse, initial voltages. */
    public Builder config(SimulationConfig value) {
      this.config = value;
      return this;
    }

    /** Where each row keeps its image. */
    public Builder pixels(PixelSource value) {
      this.pixels = value;
      return this;
    }

    /** The id column's index (errors name rows by it), or -1. */
    public Builder idColumn(int value) {
      this.idColumn = value;
      return this;
    }

    /** The label column's index (checked to be 0-9), or -1. */
    public Builder labelColumn(int value) {
      this.labelColumn = value;
      return this;
    }

    /** Whether to append the prediction at every step. */
    public Builder perStep(boolean value) {
      this.perStep = value;
      return this;
    }

    /** Statistics to gather as well (every row must then have a label), or null. */
    public Builder stats(StatsAccumulator value) {
      this.stats = value;
      return this;
    }

    /** The predictor; fails on a missing required part. */
    public ImagePredictor build() {
      if (weights == null || config == null || pixels == null) {
        throw new IllegalStateException("weights, config and pixels are required");
      }
      return new ImagePredictor(this);
    }
  }
}
