package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import snnspark.driver.io.UserException;
import snnspark.driver.model.NetworkJson;
import snnspark.driver.model.Tuning;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.NetworkDescription;

/** A network is checked against everything its settings ask of it before training starts. */
class TrainSettingsTest {
  private static final NetworkDescription SAME_FIRST =
      NetworkJson.parse(
          "{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 3, \"padding\": \"same\"},"
              + " {\"type\": \"dense\", \"units\": 8}]}",
          "--network");

  @Test
  void standardisedInputRefusesAFirstConvolutionThatPadsNamingTheLayer() {
    TrainSettings settings =
        TrainSettings.TUTORIAL
            .withNetwork(SAME_FIRST)
            .withTuning(Tuning.builder().standardizeInput(true).build());

    UserException refused =
        assertThrows(
            UserException.class, () -> settings.architecture(new InputShape(16, 16, 3), 4));

    assertEquals(
        "network, for 16x16x3 images: layer 1 (conv): input standardisation is folded"
            + " into the first weighted layer, which must not pad (after folding it would pad with"
            + " the mean, not zero); use padding valid there",
        refused.getMessage());
  }

  @Test
  void theSameNetworkTrainsOnRawImages() {
    assertEquals(
        3,
        TrainSettings.TUTORIAL
            .withNetwork(SAME_FIRST)
            .architecture(new InputShape(16, 16, 3), 4)
            .channels());
  }

  @Test
  void aMinibatchSmallerThanTheWorkersNamesBothSettings() {
    TrainSettings settings = TrainSettings.builder().batchSize(3).build();

    UserException refused = assertThrows(UserException.class, () -> settings.batchSizePerWorker(4));

    assertEquals(
        "batchSize 3 is smaller than workers 4: each worker needs at least one image per step",
        refused.getMessage());
    assertEquals(1, settings.batchSizePerWorker(3));
  }

  @Test
  void theBuildersDefaultsAreTheTutorials() {
    TrainSettings tutorial = TrainSettings.builder().build();
    assertEquals(5, tutorial.epochs());
    assertEquals(200, tutorial.batchSize());
    assertEquals(1, tutorial.averagingFrequency());
    assertEquals(Tuning.SEED, tutorial.tuning());
    assertEquals(NetworkDescription.TUTORIAL, tutorial.network());
    assertEquals(tutorial, tutorial.toBuilder().build());
  }
}
