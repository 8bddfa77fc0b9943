package snnspark.driver.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import snnspark.driver.io.UserException;
import snnspark.driver.model.NetworkJson;
import snnspark.driver.train.Preset;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.description.NetworkDescription;

/** The estimator trains with its preset's settings, each parameter set overriding one. */
class SpikingClassifierSettingsTest {
  @Test
  void defaultIsTheTutorialsTraining() {
    assertEquals(TrainSettings.TUTORIAL, new SpikingClassifier().trainSettings());
  }

  @Test
  void presetGivesItsSettingsAndParametersSetOverrideThem() {
    TrainSettings tuned = Preset.TUNED.settings();
    assertEquals(tuned, new SpikingClassifier().setPreset("tuned").trainSettings());
    TrainSettings shorter = new SpikingClassifier().setPreset("TUNED").setEpochs(2).trainSettings();
    assertEquals(2, shorter.epochs());
    // The preset's mean of the last 5 epochs shrinks to the 2 there are.
    assertEquals(tuned.tuning().toBuilder().averagedEpochs(2).build(), shorter.tuning());
  }

  /** Saved parameters come back from JSON as numbers and lists; each is set in its own type. */
  @Test
  void savedParametersAreRestoredInTheirTypes() {
    SpikingClassifier saved = new SpikingClassifier().setImageShape(32, 32, 3).setEpochs(2);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("imageShape", List.of(32, 32, 3));
    values.put("epochs", 2);
    values.put("synapse", 0.002);
    values.put("normalize", true);
    SpikingClassifier restored = new SpikingClassifier();
    StageParams.restore(restored, Map.of("paramMap", values), "saved");
    assertArrayEquals(
        saved.getOrDefault(saved.imageShape()), restored.getOrDefault(restored.imageShape()));
    assertEquals(2, restored.trainSettings().epochs());
    assertEquals(0.002, restored.getSynapse());
    assertTrue(restored.trainSettings().tuning().standardizeInput());
  }

  /** A hand-edited or another version's metadata: one line naming the file and the parameter. */
  @Test
  void savedParametersOfAnotherTypeOrNameAreRefused() {
    assertEquals(
        "saved/metadata: parameter steps is abc, expected a whole number",
        restoreRefusal("steps", "abc"));
    assertEquals(
        "saved/metadata: parameter epochs is 2.5, expected a whole number",
        restoreRefusal("epochs", 2.5));
    assertEquals(
        "saved/metadata: parameter imageShape is [32, x], expected a list of whole numbers",
        restoreRefusal("imageShape", List.of(32, "x")));
    assertEquals(
        "saved/metadata: parameter normalize is yes, expected true or false",
        restoreRefusal("normalize", "yes"));
    assertEquals(
        "saved/metadata: parameter featuresCol is 5, expected a string",
        restoreRefusal("featuresCol", 5));
    assertEquals(
        "saved/metadata: SpikingClassifier has no parameter stepCount"
            + " (saved by another version of snn-spark?)",
        restoreRefusal("stepCount", 30));
    assertEquals(
        "saved/metadata: initial voltage must be uniform or zero, got random",
        restoreRefusal("initialVoltage", "random"));
    assertEquals("saved/metadata: steps must be 1-10000, got 0", restoreRefusal("steps", 0));
  }

  private static String restoreRefusal(String name, Object value) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(name, value);
    return assertThrows(
            UserException.class,
            () -> StageParams.restore(new SpikingClassifier(), Map.of("paramMap", values), "saved"))
        .getMessage();
  }

  @Test
  void unknownPresetIsTheUsersError() {
    SpikingClassifier classifier = new SpikingClassifier().setPreset("fancy");
    UserException e = assertThrows(UserException.class, classifier::trainSettings);
    assertEquals("unknown preset 'fancy': seed or tuned", e.getMessage());
  }

  @Test
  void aNetworkDescriptionIsReadWhenSetAndTrained() {
    String json =
        "{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 5},"
            + " {\"type\": \"conv\", \"filters\": 4, \"kernel\": 5},"
            + " {\"type\": \"avgpool\", \"size\": 4}, {\"type\": \"dense\", \"units\": 16}]}";
    SpikingClassifier classifier = new SpikingClassifier().setNetwork(json);
    assertEquals(NetworkJson.parse(json, "test"), classifier.trainSettings().network());
    assertEquals(NetworkDescription.TUTORIAL, new SpikingClassifier().trainSettings().network());
    UserException e =
        assertThrows(
            UserException.class,
            () -> classifier.setNetwork("{\"layers\": [{\"type\": \"maxpool\"}]}"));
    assertEquals(
        "network description of "
            + classifier.uid()
            + ": layer 1 (maxpool): max pooling has no spiking equivalent the simulators run; use"
            + " avgpool",
        e.getMessage());
  }

  @Test
  void theEstimatorsSchemaIsItsModelsOutputSoAPipelineSeesThePrediction() {
    StructType in =
        new StructType()
            .add("pixels", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType);
    StructType out = new SpikingClassifier().setFeaturesCol("pixels").transformSchema(in);
    assertEquals(DataTypes.DoubleType, out.apply("prediction").dataType());
    assertEquals(in.fields()[0], out.fields()[0]);
  }

  @Test
  void anOutputColumnTheInputHasIsRefusedBeforeAnyWork() {
    StructType in =
        new StructType()
            .add("pixels", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType)
            .add("prediction", DataTypes.DoubleType);
    SpikingClassifier classifier = new SpikingClassifier().setFeaturesCol("pixels");
    UserException e = assertThrows(UserException.class, () -> classifier.transformSchema(in));
    assertEquals(
        "column 'prediction' is in the input already, and transform adds one of that name: set"
            + " predictionCol to another",
        e.getMessage());
    assertEquals(
        "column 'label' is in the input already, and transform adds one of that name: set"
            + " predictionCol to another",
        assertThrows(
                UserException.class,
                () -> classifier.setPredictionCol("label").transformSchema(in.add("x", "int")))
            .getMessage());
  }

  @Test
  void badSimulationParametersAndShapesAreTheUsersErrorBeforeTraining() {
    // fit() checks the simulation before it reads the (here absent) data.
    UserException steps =
        assertThrows(UserException.class, () -> new SpikingClassifier().setSteps(0).fit(null));
    assertTrue(steps.getMessage().contains("steps"), steps.getMessage());
    UserException voltage =
        assertThrows(
            UserException.class, () -> new SpikingClassifier().setInitialVoltage(null).fit(null));
    assertEquals("initial voltage must be uniform or zero, got null", voltage.getMessage());
  }
}
