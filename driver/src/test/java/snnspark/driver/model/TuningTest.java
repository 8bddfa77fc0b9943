package snnspark.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import snnspark.driver.io.Json;
import snnspark.driver.io.UserException;
import snnspark.worker.neuron.NeuronParams;

/** Tuning derives the neurons and the schedule, and rejects values naming the flag. */
class TuningTest {
  private static Tuning maxRate(double hz) {
    return Tuning.builder().maxRateHz(hz).build();
  }

  private static Tuning rates(double targetHz, double weight) {
    return Tuning.builder().rates(targetHz, weight).build();
  }

  private static Tuning optimizer(Tuning.Optimizer optimizer, double rate, double decay) {
    return Tuning.builder().optimizer(optimizer, rate, decay).build();
  }

  private static void assertRejected(String flag, Executable build) {
    UserException e = assertThrows(UserException.class, build);
    assertTrue(e.getMessage().contains(flag), e.getMessage());
  }

  @Test
  void seedIsTheTutorial() {
    assertSame(NeuronParams.TUTORIAL, Tuning.SEED.neurons());
    assertEquals(0, Tuning.SEED.learningRate(3));
    assertTrue(!Tuning.SEED.rateRegularizer().isOn() && !Tuning.SEED.augmentation(0).isOn());
  }

  @Test
  void maxRateScalesTheAmplitudeSoAnInputOfOneStillGivesOne() {
    NeuronParams neurons = maxRate(250).neurons();
    assertEquals(0.004, neurons.amplitude(), 1e-15);
    assertEquals(250, neurons.maxRate());
    // u = 1 fires at the max rate, so the neuron outputs amplitude * max rate = 1, as before.
    double j = neurons.current(1) - 1;
    double rate = 1 / (neurons.tauRef() + neurons.tauRc() * Math.log1p(1 / j));
    assertEquals(250, rate, 1e-9);
  }

  @Test
  void theRecordsThatHoldAValueCheckItAndTheMessageNamesTheSetting() {
    assertEquals(
        "maxRate must lie between 0 and 1/tau_ref = 500 Hz, got 600",
        assertThrows(UserException.class, () -> maxRate(600)).getMessage());
    assertEquals(
        "tauRef must be 0 (none) or a positive number of seconds below tau_rc = 0.02, got 0.03",
        assertThrows(UserException.class, () -> Tuning.builder().tauRef(0.03).build())
            .getMessage());
    assertEquals(
        "augmentShift must be 0 to 8 pixels, got 9",
        assertThrows(UserException.class, () -> Tuning.builder().shiftPixels(9).build())
            .getMessage());
    assertEquals(
        "rateWeight needs a rateTarget above 0 Hz",
        assertThrows(UserException.class, () -> Tuning.builder().rates(0, 0.5).build())
            .getMessage());
  }

  @Test
  void learningRateDecaysEachEpoch() {
    Tuning adam = Tuning.builder().optimizer(Tuning.Optimizer.ADAM, 0.002, 0.5).build();
    assertEquals(0.002, adam.learningRate(1));
    assertEquals(0.0005, adam.learningRate(3), 1e-18);
  }

  @Test
  void rejectsEachBadValueNamingItsFlag() {
    assertRejected("maxRate must", () -> maxRate(500));
    assertRejected("maxRate must", () -> maxRate(0));
    assertRejected("maxRate must", () -> maxRate(Double.NaN));
    assertRejected("rateTarget", () -> rates(-5, 0));
    assertRejected("rateTarget", () -> rates(Double.NaN, 0));
    assertRejected("rateWeight must", () -> rates(20, -1));
    assertRejected("rateWeight must", () -> rates(20, Double.NaN));
    assertRejected("rateTarget", () -> rates(0, 0.1));
    assertRejected("augmentShift must", () -> Tuning.builder().shiftPixels(-1).build());
    assertRejected("augmentShift must", () -> Tuning.builder().shiftPixels(9).build());
    assertRejected("need optimizer adam", () -> optimizer(Tuning.Optimizer.ADADELTA, 0.01, 1));
    assertRejected("learningRate must", () -> optimizer(Tuning.Optimizer.ADAM, 0, 1));
    assertRejected("lrDecay must", () -> optimizer(Tuning.Optimizer.ADAM, 0.001, 0));
    assertRejected("lrDecay must", () -> optimizer(Tuning.Optimizer.ADAM, 0.001, 1.5));
    assertRejected("synapse must", () -> Tuning.builder().synapseTau(-0.001).build());
    assertRejected("synapse must", () -> Tuning.builder().synapseTau(Double.NaN).build());
    assertRejected("averageEpochs must", () -> Tuning.builder().averagedEpochs(-1).build());
  }

  @Test
  void averagingReadsAsNoneFromFilesWrittenBeforeItExisted() throws Exception {
    ObjectNode json = Json.MAPPER.valueToTree(Tuning.SEED);
    assertEquals(1, json.remove("averaged_epochs").asInt(), json.toString());
    assertEquals(Tuning.SEED, Json.MAPPER.treeToValue(json, Tuning.class));
    assertTrue(!Tuning.SEED.isTuned());
    assertTrue(
        Tuning.builder().averagedEpochs(5).build().describe().contains("last 5 epochs"),
        "described in reports");
  }

  @Test
  void mirroringReadsAsOffFromFilesWrittenBeforeItExistedAndIsDescribed() throws Exception {
    Tuning mirrored = Tuning.builder().mirrorImages(true).build();
    ObjectNode json = Json.MAPPER.valueToTree(mirrored);
    assertTrue(json.remove("mirror_images").asBoolean(), json.toString());
    assertEquals(Tuning.SEED, Json.MAPPER.treeToValue(json, Tuning.class));
    assertTrue(mirrored.isTuned() && mirrored.augmentation(0).isOn());
    assertEquals("half the images mirrored", mirrored.describe());
  }

  @Test
  void weightDecayNeedsAdamReadsAsNoneFromOlderFilesAndIsDescribed() throws Exception {
    Tuning adam = optimizer(Tuning.Optimizer.ADAM, 0.001, 1);
    Tuning decayed = adam.toBuilder().weightDecay(0.05).build();
    assertEquals("Adam from 0.001, weight decay 0.05", decayed.describe());
    assertEquals(0.05, decayed.recipe(3, 0).weightDecay());
    ObjectNode json = Json.MAPPER.valueToTree(decayed);
    assertEquals(0.05, json.remove("weight_decay").asDouble(), json.toString());
    assertEquals(adam, Json.MAPPER.treeToValue(json, Tuning.class));
    assertEquals(
        "weightDecay needs optimizer adam (AdaDelta has no learning rate to scale it by)",
        assertThrows(UserException.class, () -> Tuning.builder().weightDecay(0.05).build())
            .getMessage());
    assertEquals(Tuning.SEED, Tuning.builder().weightDecay(-0.0).build(), "-0 is no decay");
    assertRejected("weightDecay must", () -> adam.toBuilder().weightDecay(-1).build());
    assertRejected("weightDecay must", () -> adam.toBuilder().weightDecay(Double.NaN).build());
  }

  @Test
  void roundTripsThroughJsonWithTheOptimizerAsUsersTypeIt() throws Exception {
    Tuning tuned =
        Tuning.builder()
            .maxRateHz(250)
            .rates(30, 0.1)
            .shiftPixels(2)
            .optimizer(Tuning.Optimizer.ADAM, 0.001, 0.8)
            .averagedEpochs(5)
            .tauRef(0)
            .standardizeInput(true)
            .mirrorImages(true)
            .weightDecay(0.01)
            .build();
    String json = Json.MAPPER.writeValueAsString(tuned);
    assertEquals("adam", Json.MAPPER.readTree(json).get("optimizer").asText(), json);
    assertEquals(tuned, Json.MAPPER.readValue(json, Tuning.class));
  }

  @Test
  void noRefractoryPeriodIsAcceptedAndReachesTheNeurons() throws Exception {
    Tuning none = Tuning.builder().tauRef(0).maxRateHz(1000).build();
    assertEquals(0, none.neurons().tauRef());
    assertEquals(1000, none.neurons().maxRate());
    assertEquals(0.002, Tuning.SEED.neurons().tauRef());
    ObjectNode json = Json.MAPPER.valueToTree(Tuning.SEED);
    assertEquals(0.002, json.remove("tau_ref").asDouble(), json.toString());
    assertEquals(0.002, Json.MAPPER.treeToValue(json, Tuning.class).tauRef(), "files from before");
    assertRejected("tauRef must", () -> Tuning.builder().tauRef(-0.001).build());
    assertRejected("maxRate must", () -> Tuning.builder().maxRateHz(600).build());
  }
}
