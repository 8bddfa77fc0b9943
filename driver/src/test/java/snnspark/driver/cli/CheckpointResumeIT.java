package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.TestProcess;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.train.TrainingCheckpoints;

/**
 * Driver loss during training: a real driver JVM is killed (SIGKILL) after its first checkpoint of
 * 3 epochs, a torn later checkpoint is left behind as a crash mid-write would leave it, and {@code
 * train --resume} runs only epochs 2 and 3 and still learns.
 */
class CheckpointResumeIT {
  private static final int TRAIN_IMAGES = 3000;
  private static final int TEST_IMAGES = 500;

  @TempDir Path dir;

  private JobArgs trainArgs(Path checkpoints, Path model) {
    return JobArgs.of("train")
        .model(model)
        .checkpoints(checkpoints)
        .epochs(3)
        // 50 images per worker and step: 90 steps in all, so the guard has a margin.
        .batchSize(100)
        .trainImages(TRAIN_IMAGES)
        .testImages(TEST_IMAGES)
        .local();
  }

  /** Starts the CLI in a JVM of its own, as deploy/snn would. */
  private TestProcess startDriver(List<String> args) throws IOException {
    Path root = Path.of(System.getProperty("snnspark.project.root", ".."));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Files.readAllLines(root.resolve("deploy/java17-flags")).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .forEach(command::add);
    command.add("-Xmx3g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("snnspark.driver.Main");
    command.addAll(args);
    return TestProcess.start(
        command, Map.of("OMP_NUM_THREADS", "1", "SPARK_LOCAL_IP", "127.0.0.1"));
  }

  @Test
  void killedDriverResumesAfterItsLastCompleteCheckpoint() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Path model = dir.resolve("model.zip");
    TestProcess driver = startDriver(trainArgs(checkpoints, model).list());
    Path first = checkpoints.resolve("epoch-0001.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(first) && driver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(first), "no checkpoint after epoch 1; driver log:\n" + driver.text());
    driver.kill();
    assertFalse(Files.exists(model), "the killed driver must not have finished");
    assertFalse(
        Files.exists(checkpoints.resolve("_SUCCESS")), "an unfinished run's folder looks complete");
    assertFalse(
        Files.exists(checkpoints.resolve("epoch-0003.json")), "killed before its last epoch");

    // What a driver killed while writing epoch 2's checkpoint leaves: its model renamed into
    // place (or not), a temporary file, but no epoch-0002.json.
    Files.deleteIfExists(checkpoints.resolve("epoch-0002.json"));
    Files.writeString(checkpoints.resolve("epoch-0002.zip"), "torn");
    Files.writeString(checkpoints.resolve(".epoch-0002.json.tmp-1234"), "{\"epoch\": 2");
    var latest = new TrainingCheckpoints(checkpoints.toString(), new Configuration()).latest();
    assertEquals(1, latest.orElseThrow().progress().epoch(), "the torn checkpoint was picked");

    CliRunner.Result run = trainArgs(checkpoints, model).switchOn("--resume").run();
    System.out.println(run.out() + run.err());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("resuming after epoch 1 from"), run.out());
    assertFalse(run.out().contains("epoch 1/3"), "epoch 1 ran again:\n" + run.out());
    assertTrue(run.out().contains("epoch 2/3") && run.out().contains("epoch 3/3"), run.out());
    assertTrue(Files.exists(checkpoints.resolve("epoch-0003.json")));
    assertTrue(Files.exists(checkpoints.resolve("_SUCCESS")), "finished checkpoints not marked");
    assertTrue(Files.exists(model.resolveSibling("_SUCCESS")), "model folder not marked");

    TrainedModel trained = new ModelStore(new Configuration()).load(model.toString());
    assertEquals(
        3, trained.metadata().training().lossByEpoch().size(), "losses of all three epochs");
    assertTrue(
        trained.metadata().rateError() < 0.15,
        "accuracy guard: rate error " + trained.metadata().rateError());
  }

  @Test
  void resumeNeedsACheckpointFolder() {
    CliRunner.Result run =
        CliRunner.run("train", "--data", "data/mnist", "--model", "m.zip", "--resume");
    assertEquals(SnnCli.EXIT_USAGE, run.exitCode());
    assertTrue(run.err().contains("--resume needs --checkpoint-dir"), run.err());
  }
}
