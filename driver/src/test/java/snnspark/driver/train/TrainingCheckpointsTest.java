package snnspark.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.io.Json;
import snnspark.driver.io.Sha256;
import snnspark.driver.io.UserException;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.train.Dl4jNetworks;

/** A checkpoint records its zip's SHA-256 and is refused when the zip no longer matches it. */
class TrainingCheckpointsTest {
  @TempDir Path dir;
  private TrainingCheckpoints checkpoints;
  private MultiLayerNetwork net;

  @BeforeEach
  void saveOneCheckpoint() {
    net = new MultiLayerNetwork(Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 5));
    net.init();
    checkpoints = new TrainingCheckpoints(dir.toString(), new Configuration());
    checkpoints.save(
        net,
        TrainingCheckpoints.Progress.builder()
            .epoch(1)
            .lossByEpoch(List.of(0.5))
            .rateErrorByEpoch(List.of(0.1))
            .build());
  }

  @Test
  void theCheckpointRecordsItsZipsDigest() throws Exception {
    var latest = checkpoints.latest().orElseThrow();
    assertEquals(
        Sha256.of(Files.readAllBytes(dir.resolve("epoch-0001.zip"))),
        latest.progress().zipSha256());
    assertEquals(net.params(), latest.network().params());
    assertEquals(net.params(), checkpoints.parameters(1));
  }

  @Test
  void aZipWithOneByteFlippedIsRefusedInOneLine() throws Exception {
    Path zip = dir.resolve("epoch-0001.zip");
    byte[] bytes = Files.readAllBytes(zip);
    bytes[bytes.length / 3] ^= 0x40;
    Files.write(zip, bytes);

    UserException refused = assertThrows(UserException.class, () -> checkpoints.latest());
    assertEquals(
        zip
            + ": epoch-0001.zip does not match the SHA-256 recorded in epoch-0001.json (a"
            + " corrupted or replaced copy?)",
        refused.getMessage());
    assertThrows(UserException.class, () -> checkpoints.parameters(1));
  }

  @Test
  void aCheckpointWrittenBeforeDigestsStillLoads() throws Exception {
    Path json = dir.resolve("epoch-0001.json");
    ObjectNode progress = (ObjectNode) Json.MAPPER.readTree(json.toFile());
    progress.remove("zip_sha256");
    Json.MAPPER.writeValue(json.toFile(), progress);

    var latest = checkpoints.latest().orElseThrow();
    assertEquals(null, latest.progress().zipSha256());
    assertEquals(net.params(), latest.network().params());
  }
}
