package snnspark.worker.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.datasets.TestDatasets;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.train.Dl4jNetworks;
import snnspark.worker.train.RateEvaluator;
import snnspark.worker.train.SoftLifActivation;

/**
 * A short SoftLIF training run in plain DL4J on real MNIST, then the same weights run spiking.
 * Regression guards only; the accuracy targets belong to the full Spark job.
 */
class TrainingSmokeIT {
  private static final int TUTORIAL_CONV1 = 0; // its DL4J layer index in the tutorial's network
  private static final SnnArchitecture ARCH = SnnArchitecture.TUTORIAL;
  private static final int BATCH = 50;
  private static final int DENSE_IMAGES = 200;

  private static MultiLayerNetwork net;
  private static Dataset test;

  @BeforeAll
  static void trainOnSixThousandImages() {
    DatasetLoader loader = new DatasetLoader();
    String mnist = TestDatasets.mnist().toString();
    Dataset train =
        loader.load(mnist, Split.TRAIN, ARCH.rows(), ARCH.cols(), ARCH.classes()).head(6000);
    test = loader.load(mnist, Split.TEST, ARCH.rows(), ARCH.cols(), ARCH.classes()).head(1000);
    net = new MultiLayerNetwork(Dl4jNetworks.training(ARCH, 0));
    net.init();
    long start = System.nanoTime();
    for (int from = 0; from < train.count(); from += BATCH) {
      net.fit(train.toDataSet(from, Math.min(from + BATCH, train.count())));
    }
    System.out.printf(
        "trained %d images in %.1f s%n", train.count(), (System.nanoTime() - start) / 1e9);
  }

  @Test
  void rateAndSpikingErrorsAreFarBelowChanceAndSimulatorsAgree() {
    double rateError = RateEvaluator.errorRate(net, test);
    SimulationConfig config = SimulationConfig.tutorial(30);
    long start = System.nanoTime();
    int[] events = new EventDrivenNetwork(ARCH, net.params()).finalPredictions(test, config, 100);
    double eventSeconds = (System.nanoTime() - start) / 1e9;
    // The dense reference runs about 200 image-steps/s: 1,000 images took 140 s of a CI run.
    Dataset subset = test.head(DENSE_IMAGES);
    start = System.nanoTime();
    int[] dense = new SpikingNetwork(ARCH, net.params()).finalPredictions(subset, config, 100);
    double denseSeconds = (System.nanoTime() - start) / 1e9;

    int eventWrong = 0;
    for (int i = 0; i < test.count(); i++) {
      eventWrong += events[i] != test.label(i) ? 1 : 0;
    }
    int denseWrong = 0;
    int subsetEventWrong = 0;
    int disagree = 0;
    for (int i = 0; i < subset.count(); i++) {
      denseWrong += dense[i] != subset.label(i) ? 1 : 0;
      subsetEventWrong += events[i] != subset.label(i) ? 1 : 0;
      disagree += dense[i] != events[i] ? 1 : 0;
    }
    double spikingError = (double) eventWrong / test.count();
    System.out.printf(
        "rate error %.4f, spiking error (30 steps, event-driven) %.4f; first %d images: dense"
            + " %d wrong, event-driven %d, %d predictions differ; event-driven %.1f s, dense %.1f s%n",
        rateError,
        spikingError,
        subset.count(),
        denseWrong,
        subsetEventWrong,
        disagree,
        eventSeconds,
        denseSeconds);
    assertTrue(rateError < 0.15, "rate error " + rateError);
    assertTrue(spikingError < 0.25, "spiking error " + spikingError);
    // Same neurons and readout; only float summation order differs, which may flip a rare spike.
    assertTrue(disagree <= 1, disagree + " predictions differ");
    assertTrue(Math.abs(denseWrong - subsetEventWrong) <= 1, "errors differ");
  }

  @Test
  void simulatorsAgreeWithASynapseBetweenLayers() {
    Dataset images = test.head(DENSE_IMAGES / 2);
    SimulationConfig plain = SimulationConfig.tutorial(30);
    SimulationConfig filtered = plain.withSynapse(0.005);
    SpikingResult dense =
        new SpikingNetwork(ARCH, net.params()).run(ImageBatch.of(images), filtered);
    SpikingResult events =
        new EventDrivenNetwork(ARCH, net.params()).run(ImageBatch.of(images), filtered);
    SpikingResult unfiltered =
        new EventDrivenNetwork(ARCH, net.params()).run(ImageBatch.of(images), plain);

    int disagree = 0;
    int wrong = 0;
    int changed = 0;
    for (int i = 0; i < images.count(); i++) {
      disagree += dense.finalPrediction(i) != events.finalPrediction(i) ? 1 : 0;
      wrong += events.finalPrediction(i) != images.label(i) ? 1 : 0;
      changed += events.filtered(i, 29, 0) != unfiltered.filtered(i, 29, 0) ? 1 : 0;
    }
    System.out.printf(
        "synapse 5 ms: %d of %d predictions differ between simulators, %d wrong%n",
        disagree, images.count(), wrong);
    assertTrue(disagree <= 1, disagree + " predictions differ");
    assertTrue(wrong < 0.25 * images.count(), wrong + " wrong");
    assertEquals(images.count(), changed, "the synapse changes every image's output");
  }

  @Test
  void savedModelReloadsWithItsSoftLifNeurons(@TempDir Path dir) throws Exception {
    File file = dir.resolve("model.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
    Object activation =
        ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                back.getLayer(TUTORIAL_CONV1).conf().getLayer())
            .getActivationFn();
    assertEquals(new SoftLifActivation(NeuronParams.TUTORIAL), activation);
    assertEquals(net.params(), back.params());
    assertEquals(net.output(test.features(0, 20)), back.output(test.features(0, 20)));
  }
}
