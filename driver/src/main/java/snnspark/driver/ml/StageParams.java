package snnspark.driver.ml;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.types.StructType;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.io.UserException;
import snnspark.driver.predict.TableColumns;
import snnspark.worker.neuron.InitialVoltage;
import snnspark.worker.sim.SimulationConfig;

/**
 * The parameters both stages share, defined once, and their saved form: Spark ML's own stage
 * metadata ({@code metadata/part-00000}, one JSON line: class, uid, Spark version, parameters), so
 * a {@code Pipeline} or {@code PipelineModel} holding the stages saves and loads as any other.
 */
final class StageParams {
  /** The folder holding a saved stage's class, uid and parameters, as Spark ML writes it. */
  static final String METADATA = "metadata";

  /** The image column both stages read unless told otherwise, as {@code predict} does. */
  static final String FEATURES = TableColumns.DEFAULT.features();

  /** The initial voltages both stages simulate with unless told otherwise, as the CLI does. */
  static final String INITIAL_VOLTAGE = InitialVoltage.UNIFORM.name().toLowerCase(Locale.ROOT);

  private StageParams() {}

  static Param<String> featuresCol(Identifiable parent) {
    return new Param<>(parent, "featuresCol", "image column: array, ML vector, binary or string");
  }

  static Param<String> predictionCol(Identifiable parent) {
    return new Param<>(parent, "predictionCol", "column of the spiking prediction (a double)");
  }

  static IntParam steps(Identifiable parent) {
    return new IntParam(parent, "steps", "timesteps each image is shown for (>= 1)");
  }

  static DoubleParam synapse(Identifiable parent) {
    return new DoubleParam(parent, "synapse", "lowpass between neuron layers, seconds (0: none)");
  }

  static Param<String> initialVoltage(Identifiable parent) {
    return new Param<>(parent, "initialVoltage", "uniform or zero");
  }

  /** Fails unless {@code schema} has a column {@code name}, listing those it has. */
  static void requireColumn(StructType schema, String name) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new UserException(
          "no column '" + name + "' (columns: " + String.join(", ", schema.fieldNames()) + ")");
    }
  }

  /** The simulation the parameters ask for, checked, with the model's random seed. */
  static SimulationConfig simulation(int steps, double synapse, String initialVoltage, long seed) {
    InitialVoltage mode;
    try {
      mode = InitialVoltage.valueOf(String.valueOf(initialVoltage).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserException("initial voltage must be uniform or zero, got " + initialVoltage);
    }
    return UserException.checking(() -> SimulationConfig.of(steps, synapse, mode, seed));
  }

  /** Writes {@code stage}'s class, uid and parameter values to {@code dir/metadata}. */
  static void save(Params stage, String uid, String dir, SparkContext sc) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param<?> param : stage.params()) {
      if (stage.isDefined(param)) {
        values.put(param.name(), stage.getOrDefault(param));
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("class", stage.getClass().getName());
    metadata.put("timestamp", System.currentTimeMillis());
    metadata.put("sparkVersion", sc.version());
    metadata.put("uid", uid);
    metadata.put("paramMap", values);
    metadata.put("defaultParamMap", Map.of());
    String line;
    try {
      line =
          Json.MAPPER
              .writer()
              .without(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(metadata);
    } catch (IOException e) {
      throw new IllegalStateException("stage metadata not serialisable", e);
    }
    JavaSparkContext.fromSparkContext(sc)
        .parallelize(List.of(line), 1)
        .saveAsTextFile(dir + "/" + METADATA);
  }

  /**
   * {@code value} as JSON read it (numbers, lists) in the type {@code param} holds; refuses a value
   * of another type (a hand-edited file) in one line naming {@code where} and the parameter.
   */
  private static Object typed(Param<?> param, Object value, String where) {
    if (param instanceof IntParam) {
      if (value instanceof Integer) {
        return value;
      }
      throw wrongType(where, param, value, "a whole number");
    }
    if (param instanceof LongParam) {
      if (value instanceof Integer || value instanceof Long) {
        return ((Number) value).longValue();
      }
      throw wrongType(where, param, value, "a whole number");
    }
    if (param instanceof DoubleParam) {
      if (value instanceof Number number) {
        return number.doubleValue();
      }
      throw wrongType(where, param, value, "a number");
    }
    if (param instanceof IntArrayParam) {
      if (value instanceof List<?> list && list.stream().allMatch(Integer.class::isInstance)) {
        return list.stream().mapToInt(Integer.class::cast).toArray();
      }
      throw wrongType(where, param, value, "a list of whole numbers");
    }
    if (param instanceof BooleanParam) {
      if (value instanceof Boolean) {
        return value;
      }
      throw wrongType(where, param, value, "true or false");
    }
    if (value instanceof String) {
      return value;
    }
    throw wrongType(where, param, value, "a string");
  }

  private static UserException wrongType(
      String where, Param<?> param, Object value, String expected) {
    return new UserException(
        where + ": parameter " + param.name() + " is " + value + ", expected " + expected);
  }

  /**
   * The saved metadata of the stage of class {@code type} in {@code dir}; refuses a folder that
   * holds none (an interrupted save leaves its metadata empty) or holds another stage.
   */
  static Map<String, Object> load(String dir, Class<?> type, SparkContext sc) {
    String path = dir + "/" + METADATA;
    if (!HadoopFiles.exists(path, sc.hadoopConfiguration())) {
      throw new UserException(dir + ": not a saved snn-spark stage (no " + METADATA + ")");
    }
    List<String> lines = JavaSparkContext.fromSparkContext(sc).textFile(path, 1).take(1);
    Map<String, Object> metadata;
    try {
      if (lines.isEmpty()) {
        throw new IOException("empty");
      }
      metadata = Json.MAPPER.readValue(lines.get(0), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UserException(path + ": not a saved snn-spark stage");
    }
    Object saved = metadata.get("class");
    if (!type.getName().equals(saved)
        || !(metadata.get("paramMap") instanceof Map)
        || !(metadata.get("uid") instanceof String)) {
      throw new UserException(
          dir + ": a saved " + saved + ", not a " + type.getSimpleName() + " to load");
    }
    return metadata;
  }

  /**
   * Sets on {@code stage} every saved parameter value of {@code metadata}, read from {@code dir}.
   * As Spark ML's own reader, it refuses a parameter the stage does not have: one saved by another
   * version of snn-spark, or misspelt by hand, would otherwise be dropped without a word.
   */
  @SuppressWarnings("unchecked")
  static void restore(Params stage, Map<String, Object> metadata, String dir) {
    String where = dir + "/" + METADATA;
    Map<String, Object> values = (Map<String, Object>) metadata.get("paramMap");
    for (Map.Entry<String, Object> saved : values.entrySet()) {
      if (!stage.hasParam(saved.getKey())) {
        throw new UserException(
            where
                + ": "
                + stage.getClass().getSimpleName()
                + " has no parameter "
                + saved.getKey()
                + " (saved by another version of snn-spark?)");
      }
      if (saved.getValue() != null) {
        Param<Object> param = (Param<Object>) stage.getParam(saved.getKey());
        stage.set(new ParamPair<>(param, typed(param, saved.getValue(), where)));
      }
    }
    if (stage instanceof SimulationParams simulated) {
      try {
        simulated.simulation(0); // refused at the load, not at the first transform
      } catch (UserException e) {
        throw new UserException(where + ": " + e.getMessage(), e);
      }
    }
  }
}
