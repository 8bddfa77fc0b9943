package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import java.util.UUID;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/**
 * A network kept from an earlier round, loaded with a round's parameters, trains the bits of the
 * network DL4J builds for that round: parameters and updater state after a step, on the tutorial's
 * network (dropout's masks follow the iteration count, so a stale count would show).
 */
class KeepingTrainingWorkerTest {
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final WorkerConfiguration ONE_MINIBATCH =
      new WorkerConfiguration(false, 1, 8, 1, 0, false);

  private final String training = UUID.randomUUID().toString();

  @AfterEach
  void forget() {
    KeptNetworks.forget(training);
  }

  @Test
  void aKeptNetworkTrainsTheBitsOfANewOne() {
    MultiLayerNetwork driver = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 5));
    driver.init();
    MultiLayerNetwork first = keepingStep(round(1), tuple(driver), minibatch(1)).network();
    driver.setParams(first.params());
    driver.getUpdater().getStateViewArray().assign(first.getUpdater().getStateViewArray());
    driver.getLayerWiseConfigurations().setIterationCount(1);

    Step kept = keepingStep(round(2), tuple(driver), minibatch(2));
    Step built = dl4jStep(tuple(driver), minibatch(2));

    assertSame(first, kept.network(), "round 2 built a network of its own");
    assertBitsEqual(built.result().getParameters(), kept.result().getParameters());
    assertBitsEqual(built.result().getUpdaterState(), kept.result().getUpdaterState());
  }

  @Test
  void aRoundNeverTakesANetworkOfItsOwn() {
    MultiLayerNetwork driver = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 5));
    driver.init();
    int before = KeptNetworks.size();
    MultiLayerNetwork first = keepingStep(round(1), tuple(driver), minibatch(1)).network();

    // Its results are the network's own arrays, which the driver has not summed yet.
    assertNotSame(first, keepingStep(round(1), tuple(driver), minibatch(1)).network());
    assertEquals(before + 2, KeptNetworks.size());
  }

  @Test
  void anotherConfigurationBuildsANewNetwork() {
    MultiLayerNetwork driver = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 5));
    driver.init();
    MultiLayerNetwork first = keepingStep(round(1), tuple(driver), minibatch(1)).network();
    MultiLayerNetwork reseeded = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 6));
    reseeded.init();

    Step next = keepingStep(round(2), tuple(reseeded), minibatch(2));

    assertNotSame(first, next.network());
    assertBitsEqual(
        dl4jStep(tuple(reseeded), minibatch(2)).result().getParameters(),
        next.result().getParameters());
  }

  private record Step(MultiLayerNetwork network, ParameterAveragingTrainingResult result) {}

  /** One minibatch through a keeping worker of {@code round}, which then keeps its network. */
  private static Step keepingStep(KeptNetworks.Round round, NetBroadcastTuple tuple, DataSet data) {
    try (HandedBroadcast<NetBroadcastTuple> handed = HandedBroadcast.of(tuple)) {
      KeepingTrainingWorker worker =
          new KeepingTrainingWorker(round, handed, true, ONE_MINIBATCH, null, null, null);
      MultiLayerNetwork network = worker.getInitialModel();
      ParameterAveragingTrainingResult result =
          copied(worker.processMinibatch(data, network, true));
      worker.giveBack();
      return new Step(network, result);
    }
  }

  /** The same minibatch through DL4J's own worker, which builds its network. */
  private static Step dl4jStep(NetBroadcastTuple tuple, DataSet data) {
    try (HandedBroadcast<NetBroadcastTuple> handed = HandedBroadcast.of(tuple)) {
      ParameterAveragingTrainingWorker worker =
          new ParameterAveragingTrainingWorker(handed, true, ONE_MINIBATCH, null, null, null);
      MultiLayerNetwork network = worker.getInitialModel();
      return new Step(network, copied(worker.processMinibatch(data, network, true)));
    }
  }

  /** The result's arrays copied: they are the network's own, which a later round overwrites. */
  private static ParameterAveragingTrainingResult copied(ParameterAveragingTrainingResult result) {
    return new ParameterAveragingTrainingResult(
        result.getParameters().dup(),
        result.getUpdaterState().dup(),
        result.getScore(),
        null,
        null,
        null);
  }

  private KeptNetworks.Round round(long number) {
    return new KeptNetworks.Round(training, number);
  }

  /** What the driver sends a round: its configuration, parameters and updater state. */
  private static NetBroadcastTuple tuple(MultiLayerNetwork driver) {
    MultiLayerConfiguration conf = driver.getLayerWiseConfigurations();
    return new NetBroadcastTuple(conf, driver.params(), driver.getUpdater().getStateViewArray());
  }

  private static DataSet minibatch(long seed) {
    Random random = new Random(seed);
    int images = 8;
    float[] pixels = new float[images * ARCH.rows() * ARCH.cols()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) Math.max(0, random.nextDouble() - 0.5);
    }
    INDArray x = Nd4j.create(pixels, new long[] {images, 1, ARCH.rows(), ARCH.cols()}, 'c');
    INDArray y = Nd4j.zeros(DataType.FLOAT, images, ARCH.classes());
    for (int i = 0; i < images; i++) {
      y.putScalar(i, random.nextInt(ARCH.classes()), 1);
    }
    return new DataSet(x, y);
  }

  private static void assertBitsEqual(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.toFloatVector(), actual.toFloatVector());
  }
}
