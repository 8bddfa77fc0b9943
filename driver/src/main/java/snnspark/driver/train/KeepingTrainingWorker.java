package snnspark.driver.train;

import java.util.Collection;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.core.storage.StatsStorageRouterProvider;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's parameter-averaging worker, which loads a round's parameters into a network its JVM kept
 * from an earlier round ({@link KeptNetworks}) where it can, and builds one as DL4J does where it
 * cannot: the first round, another network configuration (an epoch's new learning rate), listeners
 * or hooks (which DL4J sets up per network).
 *
 * <p>A loaded network is the one DL4J would build: the configuration equal to the round's (its
 * iteration and epoch counts set from it), the parameters and updater state copied from the
 * round's, the gradients zeroed as a new network's are. A training gives the same bits either way
 * ({@code KeepingTrainingWorkerTest}).
 */
final class KeepingTrainingWorker extends ParameterAveragingTrainingWorker {
  private static final long serialVersionUID = 1L;

  private final Broadcast<NetBroadcastTuple> parameters;
  private final KeptNetworks.Round round;
  private final boolean keeps;

  /** The network of this task, to give back once its results are out. */
  private transient MultiLayerNetwork network;

  /** A worker of {@code round}, with DL4J's constructor arguments. */
  KeepingTrainingWorker(
      KeptNetworks.Round round,
      Broadcast<NetBroadcastTuple> parameters,
      boolean saveUpdater,
      WorkerConfiguration configuration,
      Collection<TrainingHook> hooks,
      Collection<TrainingListener> listeners,
      StatsStorageRouterProvider router) {
    super(parameters, saveUpdater, configuration, hooks, listeners, router);
    this.parameters = parameters;
    this.round = round;
    this.keeps =
        !configuration.isCollectTrainingStats()
            && (hooks == null || hooks.isEmpty())
            && (listeners == null || listeners.isEmpty());
  }

  @Override
  public MultiLayerNetwork getInitialModel() {
    MultiLayerNetwork kept = keeps ? KeptNetworks.take(round) : null;
    if (kept != null && load(kept, parameters.getValue())) {
      network = kept;
    } else {
      network = super.getInitialModel();
    }
    return network;
  }

  /** Keeps this task's network for later rounds; call once its results are out, not on failure. */
  void giveBack() {
    if (keeps && network != null) {
      KeptNetworks.giveBack(network, round);
    }
    network = null;
  }

  /** Loads {@code tuple} into {@code network}; false where their configurations differ. */
  private static boolean load(MultiLayerNetwork network, NetBroadcastTuple tuple) {
    MultiLayerConfiguration own = network.getLayerWiseConfigurations();
    MultiLayerConfiguration sent = tuple.getConfiguration();
    own.setIterationCount(sent.getIterationCount());
    own.setEpochCount(sent.getEpochCount());
    Updater updater = network.getUpdater();
    INDArray state = updater == null ? null : updater.getStateViewArray();
    INDArray sentState = tuple.getUpdaterState();
    // Equal configurations have the same parameters and updater state, so the lengths match.
    if (!own.equals(sent) || state == null || sentState == null) {
      return false;
    }
    network.setParams(tuple.getParameters());
    state.assign(sentState);
    network.getGradientsViewArray().assign(0);
    Nd4j.getExecutioner().commit();
    return true;
  }
}
