package snnspark.driver.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import snnspark.worker.sim.SimulationConfig;

/**
 * The parameters both stages share (the image and prediction columns and how the network is run
 * spiking), with their getters.
 */
public interface SimulationParams extends Params {
  /** The image column: an array, ML vector, binary or string of values. */
  Param<String> featuresCol();

  /** The column of the spiking prediction (a double). */
  Param<String> predictionCol();

  /** Timesteps each image is shown for. */
  IntParam steps();

  /** Lowpass between neuron layers, seconds (0: none). */
  DoubleParam synapse();

  /** uniform or zero. */
  Param<String> initialVoltage();

  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default int getSteps() {
    return (Integer) getOrDefault(steps());
  }

  default double getSynapse() {
    return (Double) getOrDefault(synapse());
  }

  default String getInitialVoltage() {
    return getOrDefault(initialVoltage());
  }

  /** The simulation these parameters ask for, checked, with the model's random seed. */
  default SimulationConfig simulation(long seed) {
    return StageParams.simulation(getSteps(), getSynapse(), getInitialVoltage(), seed);
  }
}
