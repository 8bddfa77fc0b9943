package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.driver.TestProcess;

/**
 * A run stopped the way a scheduler stops it: {@code deploy/snn train} gets SIGTERM while Spark
 * trains, after the SparkContext has started (and with it anything Spark would register for
 * signals). It must end with exit code 143, exactly one line on standard error (no stack trace of
 * the job that Spark's shutdown cancelled) and nothing that looks complete.
 *
 * <p>An integration test (failsafe, {@code mvn verify}): deploy/snn needs the packaged jar.
 */
class InterruptedRunIT {
  private static final Path ROOT = Path.of(System.getProperty("snnspark.project.root", ".."));

  @TempDir Path dir;

  @Test
  void sigtermEndsTrainingWithOneLineAndExitCode143() throws Exception {
    Path out = dir.resolve("out");
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("deploy/snn").toString());
    command.addAll(
        JobArgs.of("train")
            .model(out.resolve("model.zip"))
            .trainImages(6000)
            .epochs(5)
            .batchSize(100)
            .testImages(500)
            .list());
    Path stderr = dir.resolve("stderr.txt");
    TestProcess run =
        TestProcess.startWithStderrTo(command, Map.of("SNN_JAVA_OPTS", "-Xmx2g"), stderr);
    run.awaitLine("training on", 5);
    Thread.sleep(2000); // into the first epoch's Spark jobs
    String signalled = ProcessHandle.of(run.pid()).orElseThrow().info().command().orElse("");
    assertTrue(signalled.endsWith("/java"), "deploy/snn did not exec the JVM: " + signalled);
    assertTrue(run.isAlive(), "training ended before the signal:\n" + run.text());

    run.signal("TERM");
    TestProcess.Output done = run.finishWithin(120);
    String err = Files.readString(stderr);
    System.out.printf("exit code %d; standard error:%n%s", done.exitCode(), err);

    assertEquals(143, done.exitCode(), "stdout:\n" + done.text() + "\nstderr:\n" + err);
    assertEquals("snn: interrupted by SIGTERM; outputs left incomplete (no _SUCCESS)\n", err);
    for (String file : List.of("model.zip", "model.json", "_SUCCESS")) {
      assertFalse(Files.exists(out.resolve(file)), file + " written by an interrupted run");
    }
  }
}
