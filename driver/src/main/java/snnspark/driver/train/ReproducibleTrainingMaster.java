package snnspark.driver.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.ExecuteWorkerFlatMap;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementAddFunction;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementCombineFunction;
import org.deeplearning4j.spark.util.SparkUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

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

  /** Rounds of every training in this JVM, numbered in order. */
  private static final AtomicLong ROUNDS = new AtomicLong();

  /** This training's name among the networks that executors keep ({@link KeptNetworks}). */
  private final String training = UUID.randomUUID().toString();

  ReproducibleTrainingMaster(Builder builder, int epochsDone) {
    super(builder);
    for (int epoch = 0; epoch < epochsDone; epoch++) {
      rng.nextLong();
    }
  }

  /**
   * One averaging round, as DL4J's {@code doIteration} runs it, with two costs of the driver's
   * fewer while the executors wait: a local master's tasks read the parameters from the driver's
   * memory ({@link HandedBroadcast}) instead of a Spark broadcast, and the round's function is a
   * named class, which Spark's {@code ClosureCleaner} does not parse ({@link RoundResults} says why
   * that costs); and each task loads the parameters into a network its JVM kept from an earlier
   * round ({@link KeepingTrainingWorker}) rather than building one. DL4J's statistics and stats
   * storage, which the project does not use, keep DL4J's own round.
   */
  @Override
  protected void doIteration(
      SparkDl4jMultiLayer network, JavaRDD<DataSet> split, int splitNum, int numSplits) {
    if (collectTrainingStats || statsStorage != null) {
      super.doIteration(network, split, splitNum, numSplits);
      return;
    }
    JavaRDD<DataSet> data =
        SparkUtils.repartition(
            split,
            repartition,
            repartitionStrategy,
            numObjectsEachWorker(rddDataSetNumExamples),
            numWorkers);
    MultiLayerNetwork net = network.getNetwork();
    NetBroadcastTuple parameters =
        new NetBroadcastTuple(
            net.getLayerWiseConfigurations(), net.params(), net.getUpdater().getStateViewArray());
    if (!network.getSparkContext().isLocal()) {
      average(network, round(data, worker(network.getSparkContext().broadcast(parameters))));
      return;
    }
    try (HandedBroadcast<NetBroadcastTuple> handed = HandedBroadcast.of(parameters)) {
      average(network, round(data, worker(handed)));
    }
  }

  /** Drops the networks this JVM's tasks kept for this training's later rounds. */
  void forgetNetworks() {
    KeptNetworks.forget(training);
  }

  /**
   * The worker DL4J's {@code getWorkerInstance} makes, reading its parameters from {@code from},
   * which loads them into a network kept from an earlier round where it can.
   */
  private KeepingTrainingWorker worker(Broadcast<NetBroadcastTuple> from) {
    WorkerConfiguration configuration =
        new WorkerConfiguration(
            false,
            rddDataSetNumExamples,
            batchSizePerWorker,
            averagingFrequency,
            prefetchNumBatches,
            collectTrainingStats);
    return new KeepingTrainingWorker(
        new KeptNetworks.Round(training, ROUNDS.incrementAndGet()),
        from,
        saveUpdater,
        configuration,
        trainingHookList,
        listeners,
        getRouterProvider());
  }

  /** Each partition's workers' results, as DL4J's tuples, in partition order. */
  private static List<ParameterAveragingAggregationTuple> round(
      JavaRDD<DataSet> split, KeepingTrainingWorker worker) {
    ClassTag<ParameterAveragingAggregationTuple> tag =
        ClassTag$.MODULE$.apply(ParameterAveragingAggregationTuple.class);
    RDD<ParameterAveragingAggregationTuple> results =
        split.rdd().mapPartitions(new Round(worker), false, tag);
    return RoundResults.collect(JavaRDD.fromRDD(results, tag));
  }

  /**
   * Sets the network to the mean of the workers' parameters and updater state, summed in partition
   * order.
   */
  private void average(
      SparkDl4jMultiLayer network, List<ParameterAveragingAggregationTuple> tuples) {
    ParameterAveragingAggregationTuple sum = inPartitionOrder(tuples);
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

  /** The tuples summed in their order with DL4J's own function. */
  private static ParameterAveragingAggregationTuple inPartitionOrder(
      List<ParameterAveragingAggregationTuple> tuples) {
    ParameterAveragingElementCombineFunction combine =
        new ParameterAveragingElementCombineFunction();
    ParameterAveragingAggregationTuple sum = null;
    try {
      for (ParameterAveragingAggregationTuple tuple : tuples) {
        sum = combine.call(sum, tuple);
      }
    } catch (Exception e) {
      throw new IllegalStateException("summing the workers' parameters", e);
    }
    return sum;
  }

  /**
   * Runs on the executors: a partition's round (DL4J's worker function), each result wrapped in
   * DL4J's tuple; then the worker's network is kept for later rounds. A named class, so that Spark
   * does not parse a class file to clean it.
   */
  private static final class Round
      extends AbstractFunction1<Iterator<DataSet>, Iterator<ParameterAveragingAggregationTuple>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final KeepingTrainingWorker worker;

    Round(KeepingTrainingWorker worker) {
      this.worker = worker;
    }

    @Override
    public Iterator<ParameterAveragingAggregationTuple> apply(Iterator<DataSet> minibatches) {
      ParameterAveragingElementAddFunction add = new ParameterAveragingElementAddFunction();
      List<ParameterAveragingAggregationTuple> tuples = new ArrayList<>();
      try {
        java.util.Iterator<ParameterAveragingTrainingResult> results =
            new ExecuteWorkerFlatMap<>(worker).call(JavaConverters.asJavaIterator(minibatches));
        while (results.hasNext()) {
          tuples.add(add.call(null, results.next()));
        }
        worker.giveBack();
      } catch (RuntimeException e) {
        throw e; // as Spark's Java wrapper passes them: a task's failure keeps its type
      } catch (Exception e) {
        throw new IllegalStateException("a training round's worker failed: " + e.getMessage(), e);
      }
      return JavaConverters.asScalaIterator(tuples.iterator());
    }
  }
}
