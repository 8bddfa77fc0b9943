package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.datasets.Dataset;
import snnspark.datasets.SharedSparkContext;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.model.Tuning;
import snnspark.worker.SnnArchitecture;

/**
 * The tuned preset's training knobs take effect through Spark: the epoch's learning rate reaches
 * the workers, random shifts and mirroring change what they train on, the model averages the last
 * epochs, and all stay reproducible.
 */
class SparkTrainerTuningTest extends SharedSparkContext {
  private static final Dataset TRAIN = stripes(400, 1);
  private static final Dataset TEST = stripes(40, 2);

  /** Images of a bright row whose position gives the class, over faint noise. */
  static Dataset stripes(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 28 * 28];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
      for (int p = 0; p < 28 * 28; p++) {
        pixels[i * 28 * 28 + p] = (byte) random.nextInt(40);
      }
      int row = 4 + 2 * labels[i];
      for (int x = 4; x < 24; x++) {
        pixels[i * 28 * 28 + row * 28 + x] = (byte) 250;
      }
    }
    return Dataset.labelled("stripes", count, 28, 28, pixels, labels);
  }

  private INDArray train(int epochs, Tuning tuning) {
    TrainSettings settings =
        TrainSettings.builder().epochs(epochs).batchSize(40).seed(3).tuning(tuning).build();
    TrainedModel model =
        new SparkTrainer(sc(), SnnArchitecture.TUTORIAL.withNeurons(tuning.neurons()), settings, 2)
            .train(TRAIN, TEST, "stripes", line -> {});
    assertEquals(tuning, model.metadata().training().tuning());
    return model.network().params();
  }

  /**
   * The largest difference of two parameter vectors; 0 only for the same bits (ND4J's equals allows
   * 1e-5).
   */
  private static double maxGap(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }

  private static Tuning adam(double decay, int shift) {
    return Tuning.builder()
        .maxRateHz(250)
        .shiftPixels(shift)
        .optimizer(Tuning.Optimizer.ADAM, 0.001, decay)
        .build();
  }

  @Test
  void eachEpochsLearningRateReachesTheWorkers() {
    INDArray oneEpoch = train(1, adam(1e-9, 0));
    // With the rate cut to 1e-12 after the first epoch, Adam's second epoch moves nothing...
    assertTrue(maxGap(oneEpoch, train(2, adam(1e-9, 0))) < 1e-7, "second epoch moved weights");
    // ...while at a constant rate it moves every weight by about the rate per step.
    assertTrue(maxGap(oneEpoch, train(2, adam(1, 0))) > 1e-3, "second epoch did not train");
  }

  @Test
  void modelIsTheMeanOfTheLastEpochsAlsoAfterResuming(@TempDir Path dir) throws IOException {
    Tuning averaging = Tuning.builder().averagedEpochs(2).build();
    TrainSettings settings =
        TrainSettings.builder().epochs(3).batchSize(40).seed(3).tuning(averaging).build();
    TrainingCheckpoints checkpoints = new TrainingCheckpoints(dir.toString(), new Configuration());
    SparkTrainer trainer =
        new SparkTrainer(
            sc(), SnnArchitecture.TUTORIAL.withNeurons(averaging.neurons()), settings, 2);
    INDArray averaged =
        trainer.train(TRAIN, TEST, "stripes", line -> {}, checkpoints, false).network().params();
    INDArray mean = checkpoints.parameters(2).add(checkpoints.parameters(3)).div(2);
    assertEquals(0.0, maxGap(mean, averaged), "mean of epochs 2 and 3, to the bit");
    assertTrue(maxGap(averaged, checkpoints.parameters(3)) > 1e-4, "the last epoch's own");

    // A driver lost during epoch 3 resumes from epoch 2 and reads epoch 2's parameters back.
    for (String file : List.of("epoch-0003.zip", "epoch-0003.json", "_SUCCESS")) {
      Files.delete(dir.resolve(file));
    }
    TrainedModel resumed = trainer.train(TRAIN, TEST, "stripes", line -> {}, checkpoints, true);
    assertEquals(0.0, maxGap(averaged, resumed.network().params()), "resumed run, same bits");
    assertEquals(averaging, resumed.metadata().training().tuning());
  }

  @Test
  void weightDecayReachesTheWorkersAndScalesWithTheEpochsLearningRate() {
    Tuning decaying = adam(1, 0).toBuilder().weightDecay(20).build();
    INDArray oneEpoch = train(1, decaying);
    // Ten steps at 0.001 x 20 shrink every weight by 2% each, on top of what Adam moves.
    assertTrue(
        oneEpoch.norm2Number().doubleValue()
            < 0.9 * train(1, adam(1, 0)).norm2Number().doubleValue(),
        "weights did not shrink");
    // With the rate cut to 1e-12 after the first epoch, the decay stops with Adam's steps.
    Tuning stopping = adam(1e-9, 0).toBuilder().weightDecay(20).build();
    assertTrue(maxGap(oneEpoch, train(2, stopping)) < 1e-7, "decay went on without a rate");
  }

  @Test
  void shiftsChangeTrainingReproducibly() {
    INDArray shifted = train(1, adam(1, 2));
    assertEquals(0.0, maxGap(shifted, train(1, adam(1, 2))), "same seed, same shifts, same bits");
    assertTrue(maxGap(shifted, train(1, adam(1, 0))) > 1e-3, "shifts changed nothing");
  }

  @Test
  void mirroringChangesTrainingReproducibly() {
    Tuning mirroring = adam(1, 0).toBuilder().mirrorImages(true).build();
    INDArray mirrored = train(1, mirroring);
    assertEquals(0.0, maxGap(mirrored, train(1, mirroring)), "same seed, same mirrors, same bits");
    // The stripes are symmetric, so only the noise under them changes sides.
    assertTrue(maxGap(mirrored, train(1, adam(1, 0))) > 1e-5, "mirroring changed nothing");
  }
}
