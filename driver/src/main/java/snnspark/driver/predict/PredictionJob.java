package snnspark.driver.predict;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import snnspark.driver.io.ExpectedFailures;
import snnspark.driver.io.OutputFolder;
import snnspark.driver.io.OutputMode;
import snnspark.driver.io.UserException;
import snnspark.worker.TrainedWeights;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.spark.ImagePredictor;
import snnspark.worker.spark.StatsAccumulator;

/**
 * Scores an {@link ImageTable} with the spiking network on the executors and writes the per-image
 * predictions table there (never through the driver), under a temporary name that is renamed into
 * place and marked {@code _SUCCESS} only when the table is complete.
 */
public final class PredictionJob {
  /** The column of the predicted class's name, beside its index in {@code prediction}. */
  public static final String PREDICTION_NAME = "prediction_name";

  private final SparkSession session;
  private final TrainedWeights weights;
  private final List<String> classNames;
  private final SimulationConfig config;

  /**
   * Scores with {@code weights} under {@code config}, naming each predicted class by {@code
   * classNames} (the model's, in the order of its outputs).
   */
  public PredictionJob(
      SparkSession session,
      TrainedWeights weights,
      List<String> classNames,
      SimulationConfig config) {
    this.session = session;
    this.weights = weights;
    this.classNames = List.copyOf(classNames);
    this.config = config;
  }

  /**
   * Scores {@code table} into {@code out}; with {@code stats} not null, also gathers the
   * evaluation's statistics in the same pass (every row then needs a label).
   */
  public void write(
      ImageTable table,
      String out,
      OutputFormat format,
      OutputMode mode,
      boolean perStep,
      StatsAccumulator stats) {
    OutputFolder folder =
        OutputFolder.beginTable(out, mode, session.sparkContext().hadoopConfiguration());
    Broadcast<TrainedWeights> shared =
        JavaSparkContext.fromSparkContext(session.sparkContext()).broadcast(weights);
    try {
      Dataset<Row> predictions =
          columns(
              score(table, shared, perStep, stats),
              format,
              perStep,
              shared.value().architecture().neuronLayerNames(),
              classNames);
      var writer = predictions.write().mode(SaveMode.ErrorIfExists);
      if (format == OutputFormat.CSV) {
        writer.option("header", "true").csv(folder.writeTo());
      } else {
        writer.option("compression", "snappy").parquet(folder.writeTo());
      }
      folder.commit();
    } catch (Exception e) { // Spark's SparkException is checked in Java's eyes but undeclared
      folder.abort();
      throw userFacing(e, table.pixels().source(), out);
    } finally {
      shared.destroy();
    }
  }

  /**
   * Reads a written predictions table back: its rows, labelled rows, and the spiking and rate
   * errors on those.
   */
  public static PredictionSummary summarize(
      SparkSession session, String out, OutputFormat format, double seconds) {
    Dataset<Row> written =
        format == OutputFormat.CSV
            ? session.read().option("header", "true").option("inferSchema", "true").csv(out)
            : session.read().parquet(out);
    Column label = col(ImageTable.LABEL);
    Row counts =
        written
            .agg(
                count(lit(1)),
                count(label),
                avg(wrong(ImagePredictor.PREDICTION, label)),
                avg(wrong(ImagePredictor.RATE_PREDICTION, label)))
            .first();
    long labelled = counts.getLong(1);
    return new PredictionSummary(
        counts.getLong(0),
        labelled,
        labelled == 0 ? Double.NaN : counts.getDouble(2),
        labelled == 0 ? Double.NaN : counts.getDouble(3),
        seconds);
  }

  /** The name of the class a prediction column holds the index of. */
  private static Column className(Column index, List<String> classNames) {
    Column names = array(classNames.stream().map(functions::lit).toArray(Column[]::new));
    return element_at(names, index.plus(1)); // element_at counts from 1
  }

  /** 1 where a labelled row's prediction is wrong, 0 where right, null without a label. */
  private static Column wrong(String prediction, Column label) {
    return when(label.isNotNull(), when(col(prediction).notEqual(label), 1).otherwise(0));
  }

  /** Every row of {@code table} with the prediction columns appended. */
  private Dataset<Row> score(
      ImageTable table, Broadcast<TrainedWeights> shared, boolean perStep, StatsAccumulator stats) {
    ImagePredictor predictor =
        ImagePredictor.builder()
            .weights(shared)
            .config(config)
            .pixels(table.pixels())
            .idColumn(ImageTable.ID_COLUMN)
            .labelColumn(ImageTable.LABEL_COLUMN)
            .perStep(perStep)
            .stats(stats)
            .build();
    return table
        .rows()
        .mapPartitions(
            predictor, Encoders.row(ImagePredictor.outputSchema(table.rows().schema(), perStep)));
  }

  /** The output columns, in their documented order; flattened for CSV. */
  private static Dataset<Row> columns(
      Dataset<Row> scored,
      OutputFormat format,
      boolean perStep,
      List<String> neuronLayers,
      List<String> classNames) {
    List<Column> out = new ArrayList<>();
    out.add(col(ImageTable.ID));
    out.add(col(ImageTable.LABEL));
    out.add(col(ImagePredictor.PREDICTION));
    out.add(className(col(ImagePredictor.PREDICTION), classNames).as(PREDICTION_NAME));
    out.add(col(ImagePredictor.RATE_PREDICTION));
    out.add(col(ImagePredictor.CONFIDENCE));
    if (format == OutputFormat.CSV) {
      out.add(joined(ImagePredictor.OUTPUT));
      out.add(col(ImagePredictor.SETTLED_STEP));
      for (String layer : neuronLayers) {
        out.add(col(ImagePredictor.SPIKES).getItem(layer).as(ImagePredictor.SPIKES + "_" + layer));
      }
      out.add(col(ImagePredictor.SYNOPS));
      if (perStep) {
        out.add(joined(ImagePredictor.PREDICTION_BY_STEP));
      }
    } else {
      out.add(col(ImagePredictor.OUTPUT));
      out.add(col(ImagePredictor.SETTLED_STEP));
      out.add(col(ImagePredictor.SPIKES));
      out.add(col(ImagePredictor.SYNOPS));
      if (perStep) {
        out.add(col(ImagePredictor.PREDICTION_BY_STEP));
      }
    }
    return scored.select(out.toArray(Column[]::new));
  }

  private static Column joined(String arrayColumn) {
    return concat_ws(" ", col(arrayColumn).cast(DataTypes.createArrayType(DataTypes.StringType)))
        .as(arrayColumn);
  }

  /**
   * A failure in writing the table (Spark's TASK_WRITE_FAILED: a full disk, a quota) as one line
   * about {@code out}; one caused by the input (a bad row, an unreadable file) as one line about
   * {@code source} ({@link TableReadFailures}); anything else as it is.
   */
  static RuntimeException userFacing(Exception e, String source, String out) {
    // A write task reads its input rows too: what they fail on is the input's, not the output's.
    if (ExpectedFailures.in(e).isEmpty() && !TableReadFailures.causedByMalformed(e)) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        String message = String.valueOf(t.getMessage());
        if (message.contains("TASK_WRITE_FAILED")
            || message.contains("Task failed while writing")) {
          return new UserException(out + ": cannot write: " + SparkSources.firstLine(t), e);
        }
      }
    }
    return TableReadFailures.userFacing(e, source);
  }
}
