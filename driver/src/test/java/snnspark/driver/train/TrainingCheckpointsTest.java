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
import snnspark.driver.model.TrainingRun;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.train.Dl4jNetworks;

/** A checkpoint records its zip's SHA-256 and is refused when the zip no longer matches it. */
class TrainingCheckpointsTest {
  @TempDir Path dir;
  private TrainingCheckpoints checkpoints;
  private MultiLayerNetwork net;

  private static final TrainingRun RUN =
      TrainingRun.builder()
          .dataset("data/mnist")
          .nTrain(1000)
          .epochs(3)
          .workers(2)
          .batchSizePerWorker(100)
          .averagingFrequency(1)
          .seed(5)
          .lossByEpoch(List.of(0.5))
          .rateErrorByEpoch(List.of(0.1))
          .trainSeconds(20)
          .trainImagesPerSecond(80)
          .build();

  @BeforeEach
  void saveOneCheckpoint() {
    net = new MultiLayerNetwork(Dl4jNetworks.training(SnnArchitecture.TUTORIAL, 5));
    net.init();
    checkpoints = new TrainingCheckpoints(dir.toString(), new Configuration());
    checkpoints.save(
        net, new TrainingCheckpoints.Progress(1, RUN, 12.5, NetworkDescription.TUTORIAL));
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
  void theProgressComesBackAsItWasSaved() {
    var progress = checkpoints.latest().orElseThrow().progress();
    assertEquals(1, progress.epoch());
    assertEquals(RUN, progress.run());
    assertEquals(12.5, progress.fitSeconds());
    assertEquals(NetworkDescription.TUTORIAL, progress.description("epoch-0001.json"));
  }

  @Test
  void aFileOfAnEpochNoIntHoldsIsNoCheckpoint() throws Exception {
    Files.writeString(dir.resolve("epoch-99999999999.json"), "{}");
    assertEquals(1, checkpoints.latest().orElseThrow().progress().epoch());
  }

  @Test
  void aCheckpointOfTheFirstFormatLoadsWithItsMinibatchPerWorker() throws Exception {
    Path json = dir.resolve("epoch-0001.json");
    ObjectNode progress = (ObjectNode) Json.MAPPER.readTree(json.toFile());
    // Format 1 recorded the global minibatch, and neither the dataset nor the planned epochs.
    progress.put("format_version", 1).put("batch_size", 201);
    progress.remove(List.of("batch_size_per_worker", "dataset", "epochs"));
    Json.MAPPER.writeValue(json.toFile(), progress);

    TrainingRun run = checkpoints.latest().orElseThrow().progress().run();
    assertEquals(100, run.batchSizePerWorker());
    assertEquals(RUN.seed(), run.seed());
    assertEquals(RUN.lossByEpoch(), run.lossByEpoch());
  }

  /** An edited record would have a resumed run index its history out of bounds. */
  @Test
  void aRecordOfAnotherEpochOrAnotherHistoryLengthIsRefused() throws Exception {
    Path json = dir.resolve("epoch-0001.json");
    ObjectNode progress = (ObjectNode) Json.MAPPER.readTree(json.toFile());
    Json.MAPPER.writeValue(json.toFile(), progress.deepCopy().put("epoch", -1));
    assertEquals(
        json + ": not a checkpoint of epoch 1: it records epoch -1, 1 losses and 1 rate errors",
        assertThrows(UserException.class, () -> checkpoints.latest()).getMessage());
    progress.putArray("loss_by_epoch");
    Json.MAPPER.writeValue(json.toFile(), progress);
    assertEquals(
        json + ": not a checkpoint of epoch 1: it records epoch 1, 0 losses and 1 rate errors",
        assertThrows(UserException.class, () -> checkpoints.latest()).getMessage());
  }

  /** Resumed with fewer epochs, the run would save a longer run's history as its own. */
  @Test
  void aCheckpointAfterMoreEpochsThanTheRunHasIsRefused() {
    TrainingRun two =
        TrainingRun.builder()
            .nTrain(1000)
            .epochs(3)
            .workers(2)
            .batchSizePerWorker(100)
            .averagingFrequency(1)
            .seed(5)
            .lossByEpoch(List.of(0.5, 0.4))
            .rateErrorByEpoch(List.of(0.1, 0.05))
            .build();
    checkpoints.save(
        net, new TrainingCheckpoints.Progress(2, two, 20, NetworkDescription.TUTORIAL));
    var last = checkpoints.latest().orElseThrow();
    TrainSettings one = TrainSettings.TUTORIAL.toBuilder().epochs(1).build();
    UserException refused =
        assertThrows(
            UserException.class, () -> last.progress().checkResumableBy(one, 1000, 2, last.uri()));
    assertEquals(
        last.uri()
            + ": checkpoint after epoch 2, more than epochs 1; resume with epochs 2 or more, or"
            + " use another checkpointDir",
        refused.getMessage());
  }

  @Test
  void aCheckpointOfTheSecondFormatWithAGlobalBatchSizeIsRefused() throws Exception {
    Path json = dir.resolve("epoch-0001.json");
    ObjectNode progress = (ObjectNode) Json.MAPPER.readTree(json.toFile());
    progress.put("batch_size", 201);
    Json.MAPPER.writeValue(json.toFile(), progress);

    UserException refused = assertThrows(UserException.class, () -> checkpoints.latest());
    assertEquals(
        json + ": not an snn-spark checkpoint: Unrecognized field \"batch_size\"",
        refused.getMessage());
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
