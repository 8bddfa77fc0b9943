package snnspark.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.io.UserException;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;
import snnspark.worker.description.LayerSpec.Padding;
import snnspark.worker.description.NetworkDescription;

class NetworkJsonTest {
  @TempDir Path dir;

  /** The example of docs/networks.md (and of the issue that asked for the format). */
  private static final String EXAMPLE =
      """
      {"layers": [
        {"type": "conv", "filters": 32, "kernel": 3, "stride": 1, "padding": "valid"},
        {"type": "conv", "filters": 64, "kernel": 3, "stride": 2, "padding": "same"},
        {"type": "avgpool", "size": 2},
        {"type": "dense", "units": 128},
        {"type": "dropout", "rate": 0.4}
      ]}
      """;

  private static String refusal(String json) {
    return assertThrows(UserException.class, () -> NetworkJson.parse(json, "net.json"))
        .getMessage();
  }

  @Test
  void readsTheDocumentedFormatWithItsDefaults() {
    assertEquals(
        new NetworkDescription(
            List.<LayerSpec>of(
                new Conv(32, 3),
                new Conv(64, 3, 2, Padding.SAME),
                new AvgPool(2),
                new Dense(128),
                new Dropout(0.4))),
        NetworkJson.parse(EXAMPLE, "example"));
    assertEquals(
        new Conv(8, 5),
        NetworkJson.parse(
                "{\"layers\": [{\"type\": \"conv\", \"filters\": 8, \"kernel\": 5}]}", "x")
            .layers()
            .get(0));
  }

  @Test
  void formatsWhatItReads() {
    NetworkDescription example = NetworkJson.parse(EXAMPLE, "example");
    assertEquals(example, NetworkJson.parse(NetworkJson.format(example), "formatted"));
    assertEquals(
        NetworkDescription.TUTORIAL,
        NetworkJson.parse(NetworkJson.format(NetworkDescription.TUTORIAL), "tutorial"));
  }

  @Test
  void refusesLayersSpikesCannotTakeSayingWhatToUse() {
    assertEquals(
        "net.json: layer 2 (maxpool): max pooling has no spiking equivalent the simulators run;"
            + " use avgpool",
        refusal("{\"layers\": [{\"type\": \"dense\", \"units\": 4}, {\"type\": \"maxpool\"}]}"));
    assertEquals(
        "net.json: layer 1 (BatchNorm): batch normalisation is not converted to spikes;"
            + " normalise the input images instead",
        refusal("{\"layers\": [{\"type\": \"BatchNorm\"}]}"));
    assertEquals(
        "net.json: layer 1 (relu): activations are the network's neurons: every conv and dense"
            + " layer is followed by LIF neurons (SoftLIF in training) and the output layer is"
            + " implicit; remove this layer",
        refusal("{\"layers\": [{\"type\": \"relu\"}]}"));
  }

  @Test
  void refusesTyposInsteadOfDefaultingThem() {
    assertEquals(
        "net.json: layer 1 (conv2d): unknown layer type (the types are conv, avgpool, dense and"
            + " dropout)",
        refusal("{\"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3}]}"));
    assertEquals(
        "net.json: layer 1 (conv): unknown key 'filter' (conv takes filters, kernel, padding,"
            + " stride)",
        refusal("{\"layers\": [{\"type\": \"conv\", \"filter\": 4, \"kernel\": 3}]}"));
    assertEquals(
        "net.json: layer 1 (dense): missing 'units'",
        refusal("{\"layers\": [{\"type\": \"dense\"}]}"));
    assertEquals(
        "net.json: layer 1 (conv): kernel must be a whole number, got 2.5",
        refusal("{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 2.5}]}"));
    assertEquals(
        "net.json: layer 1 (conv): padding must be \"valid\" or \"same\", got \"full\"",
        refusal(
            "{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 3,"
                + " \"padding\": \"full\"}]}"));
    assertEquals(
        "net.json: layer 1 (dense): units must be at least 1, got 0",
        refusal("{\"layers\": [{\"type\": \"dense\", \"units\": 0}]}"));
    assertEquals(
        "net.json: unknown key 'input' (a network description has only layers)",
        refusal("{\"layers\": [{\"type\": \"dense\", \"units\": 3}], \"input\": [28, 28]}"));
  }

  @Test
  void refusesWhatIsNotADescription() {
    assertEquals(
        "net.json: not JSON: Unexpected end-of-input: expected close marker for Array"
            + " (line 1, column 13)",
        refusal("{\"layers\": ["));
    assertEquals(
        "net.json: a network description is an object with a list of layers: {\"layers\":"
            + " [...]}",
        refusal("[{\"type\": \"dense\", \"units\": 3}]"));
    assertEquals(
        "net.json: no conv or dense layer: a spiking network needs at least one layer of neurons",
        refusal("{\"layers\": []}"));
  }

  /** Two values for one key, or text after the description: which did the user mean? */
  @Test
  void refusesADuplicateKeyTrailingTextAndJacksonsOwnLimits() {
    assertEquals(
        "net.json: not JSON: Duplicate field 'kernel' (line 1, column 65)",
        refusal(
            "{\"layers\": [{\"type\": \"conv\", \"filters\": 4, \"kernel\": 5, \"kernel\": 3}]}"));
    assertEquals(
        "net.json: not JSON: Unexpected close marker '}': expected ']' (line 1, column 45)",
        refusal("{\"layers\": [{\"type\": \"dense\", \"units\": 3}]}}"));
    assertEquals(
        "net.json: not JSON: text after the description's end (line 1, column 45)",
        refusal("{\"layers\": [{\"type\": \"dense\", \"units\": 3}]} 3"));
    String deep = "{\"layers\": " + "[".repeat(1001) + "]".repeat(1001) + "}";
    assertTrue(refusal(deep).startsWith("net.json: not JSON: "), refusal(deep));
    String longNumber =
        "{\"layers\": [{\"type\": \"dense\", \"units\": " + "9".repeat(1001) + "}]}";
    assertTrue(refusal(longNumber).startsWith("net.json: not JSON: "), refusal(longNumber));
  }

  @Test
  void loadsAFileThatStartsWithAByteOrderMark() throws Exception {
    Path file = Files.writeString(dir.resolve("bom.json"), "\uFEFF" + EXAMPLE);
    assertEquals(
        NetworkJson.parse(EXAMPLE, "inline"),
        NetworkJson.load(file.toString(), new Configuration()));
  }

  @Test
  void loadsAFileAndNamesAMissingOne() throws Exception {
    Path file = Files.writeString(dir.resolve("net.json"), EXAMPLE);
    assertEquals(
        NetworkJson.parse(EXAMPLE, "inline"),
        NetworkJson.load(file.toString(), new Configuration()));
    String missing = dir.resolve("none.json").toString();
    assertEquals(
        missing + ": file not found",
        assertThrows(UserException.class, () -> NetworkJson.load(missing, new Configuration()))
            .getMessage());
  }
}
