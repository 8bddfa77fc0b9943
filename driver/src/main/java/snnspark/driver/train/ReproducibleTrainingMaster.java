package snnspark.driver.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementAddFunction;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementCombineFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's parameter averaging, reproducible to the bit.
 *
 * <p>Resumable: its only random state, the generator that seeds each epoch's split of the
 * minibatches into averaging rounds (one draw per {@code fit}), starts where a run that had already
 * trained {@code epochsDone} epochs left it. A fresh master would split a resumed run's epochs as
 * it split the first ones, and train other parameters.
 *
 * <p>Summed in worker order: DL4J sums the workers' parameters with {@code treeAggregate}, whose
 * last level the driver merges as tasks finish. Float addition is not associative, so with three or
 * more workers the bits depended on which task finished first: three runs of one 3-worker command
 * gave three different parameter sets. Here the driver collects the workers' results in partition
 * order and sums them in that order; with two workers the sum is the same as before (two terms
 * commute). The driver receives every worker's parameters and updater state each round, which
 * DL4J's tree (depth 2) also sent it for up to five workers.
 */
final class ReproducibleTrainingMaster extends ParameterAveragingTrainingMaster {
  private static final long serialVersionUID = 1L;

  ReproducibleTrainingMaster(Builder builder, int epochsDone) {
    super(builder);
    for (int epoch = 0; epoch < epochsDone; epoch++) {
      rng.nextLong();
    }
  }

  @Override
  protected void processResults(
      SparkDl4jMultiLayer network,
      SparkComputationGraph graph,
      JavaRDD<ParameterAveragingTrainingResult> results,
      int splitNum,
      int totalSplits) {
    if (network == null || collectTrainingStats || statsStorage != null) {
      // Graphs, DL4J's training statistics and its stats storage: none of which the project uses.
      super.processResults(network, graph, results, splitNum, totalSplits);
      return;
    }
    ParameterAveragingAggregationTuple sum = inPartitionOrder(results);
    if (sum == null || sum.getParametersSum() == null) {
      return; // no worker had data in this split, as DL4J skips it
    }
    int count = sum.getAggregationsCount();
    INDArray params = sum.getParametersSum();
    params.setCloseable(false);
    params.divi(count);
    MultiLayerNetwork net = network.getNetwork();
    net.setParameters(params);
    INDArray updaterState = sum.getUpdaterStateSum();
    if (updaterState != null) {
      net.getUpdater().setStateViewArray(null, updaterState.divi(count), false);
    }
    network.setScore(sum.getScoreSum() / count);
    Nd4j.getExecutioner().commit();
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    conf.setIterationCount(conf.getIterationCount() + averagingFrequency);
  }

  /**
   * The workers' results summed in the order of their partitions, with DL4J's own functions: each
   * result becomes DL4J's (serializable) tuple on its executor, the driver combines them in order.
   */
  private static ParameterAveragingAggregationTuple inPartitionOrder(
      JavaRDD<ParameterAveragingTrainingResult> results) {
    ParameterAveragingElementAddFunction add = new ParameterAveragingElementAddFunction();
    ParameterAveragingElementCombineFunction combine =
        new ParameterAveragingElementCombineFunction();
    ParameterAveragingAggregationTuple sum = null;
    try {
      for (ParameterAveragingAggregationTuple tuple :
          RoundResults.collect(results.map(r -> add.call(null, r)))) {
        sum = combine.call(sum, tuple);
      }
    } catch (Exception e) {
      throw new IllegalStateException("summing the workers' parameters", e);
    }
    return sum;
  }
}
