package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.SharedSparkContext;
import snnspark.driver.TestProcess;
import snnspark.driver.io.Json;
import snnspark.driver.model.Machine;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;

/**
 * The job on a real multi-JVM Spark standalone cluster started by {@code
 * deploy/local-cluster/start} (a Master and two Workers, 1 core each) and submitted through Spark's
 * {@code SparkSubmit} with the shaded jar: the driver and both executors are separate JVMs, so the
 * model really travels as a broadcast and the statistics through the aggregate. Then the faults:
 * executors killed (SIGKILL) during evaluation and during training.
 *
 * <p>An integration test (failsafe, {@code mvn verify}): it needs the shaded jar.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("snnspark.project.root", ".."));
  private static final int TRAIN_IMAGES = 6000;
  private static final int TEST_IMAGES = 1000;
  private static final int STEPS = 20;

  @TempDir static Path dir;
  private static Path state;

  @BeforeAll
  static void startCluster() throws Exception {
    state = dir.resolve("cluster");
    TestProcess.Output start = script("start").finish(3);
    assertEquals(0, start.exitCode(), "cluster did not start:\n" + start.text());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (state != null) {
      System.out.println(script("stop").finish(2).text());
    }
  }

  @Test
  @Order(1)
  void clusterRunEqualsLocalRun() throws Exception {
    Path clusterModel = dir.resolve("cluster/model.zip");
    TestProcess.Output train = submit(trainArgs(clusterModel)).finish(10);
    assertEquals(0, train.exitCode(), train.text());
    assertTrue(train.text().contains("master spark://127.0.0.1:"), train.text());
    TestProcess.Output evaluate =
        submit(evaluateArgs(clusterModel, dir.resolve("cluster/report"))).finish(5);
    assertEquals(0, evaluate.exitCode(), evaluate.text());

    // The same job in local mode, in this JVM.
    Path localModel = dir.resolve("local/model.zip");
    runLocally(trainArgs(localModel));
    TrainedModel fromCluster = new ModelStore(new Configuration()).load(clusterModel.toString());
    TrainedModel fromLocal = new ModelStore(new Configuration()).load(localModel.toString());
    // To the bit, by the parameters' SHA-256 as each run recorded it (ND4J's equals allows 1e-5).
    String local = fromLocal.metadata().parametersSha256();
    String cluster = fromCluster.metadata().parametersSha256();
    System.out.printf("parameters SHA-256: local[2] %s, cluster %s%n", local, cluster);
    assertNotNull(local, "the local model recorded no parameters_sha256");
    assertEquals(
        local, cluster, "parameter averaging over two executor JVMs trained other weights");
    // Every executor JVM loaded the driver's OpenBLAS kernel, and the model says which.
    Machine trainedOn = fromCluster.metadata().machine();
    System.out.printf(
        "OpenBLAS kernels: driver %s, executors %s%n",
        trainedOn.blasKernel(), trainedOn.executorBlasKernels());
    assertFalse(trainedOn.executorBlasKernels().isEmpty(), "no executor reported its kernel");
    assertEquals(Map.of(), trainedOn.executorsOnAnotherKernel());
    assertEquals(fromLocal.metadata().machine().blasKernel(), trainedOn.blasKernel());

    runLocally(evaluateArgs(clusterModel, dir.resolve("local/report")));
    assertSameFigures(dir.resolve("local/report"), dir.resolve("cluster/report"));
  }

  @Test
  @Order(2)
  void evaluationSurvivesAnExecutorKilledMidway() throws Exception {
    Path model = dir.resolve("cluster/model.zip");
    List<String> args = evaluateArgs(model, dir.resolve("fault/report"));
    args.set(args.indexOf(String.valueOf(TEST_IMAGES)), "4000");
    args.set(args.indexOf(String.valueOf(STEPS)), "30");
    submitKillingAnExecutor(args, "spiking evaluation of", 3000);

    List<String> local = new ArrayList<>(args);
    local.set(
        local.indexOf(dir.resolve("fault/report").toString()),
        dir.resolve("fault/local").toString());
    runLocally(local);
    assertSameFigures(dir.resolve("fault/local"), dir.resolve("fault/report"));
  }

  @Test
  @Order(3)
  void trainingSurvivesAnExecutorKilledMidway() throws Exception {
    Path model = dir.resolve("fault/model.zip");
    List<String> args = trainArgs(model);
    // Rounds of 5 minibatches keep the executors busy most of the time, so a kill finds a task.
    args.set(args.indexOf("--epochs") + 1, "2");
    args.addAll(List.of("--averaging-frequency", "5"));
    submitKillingAnExecutor(args, "training on", 6000);
    TrainedModel trained = new ModelStore(new Configuration()).load(model.toString());
    assertTrue(
        trained.metadata().rateError() < 0.15, "rate error " + trained.metadata().rateError());
  }

  @Test
  @Order(4)
  void theLauncherRunsOnTheStandaloneClusterWithoutSparkSubmit() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("deploy/snn").toString());
    command.addAll(evaluateArgs(dir.resolve("cluster/model.zip"), dir.resolve("launcher/report")));
    command.addAll(List.of("--master", "spark://127.0.0.1:17077"));
    TestProcess.Output run = start(command).finish(5);
    // Before the launcher shipped the jar, executors failed with "unread block data".
    assertEquals(0, run.exitCode(), run.text());
    assertSameFigures(dir.resolve("cluster/report"), dir.resolve("launcher/report"));
  }

  /**
   * Submits {@code args}, SIGKILLs one executor {@code delayMillis} after the driver printed {@code
   * line}, and checks the job still succeeds and the driver saw the loss.
   */
  private static void submitKillingAnExecutor(List<String> args, String line, long delayMillis)
      throws Exception {
    TestProcess run = submit(args);
    run.awaitLine(line, 5);
    Thread.sleep(delayMillis);
    // An executor caught between two jobs loses no task; then the next one is killed, a few times.
    // Each later kill waits for a task to start after the previous kill: a replacement executor
    // killed while it starts up loses nothing and only holds the job back (a CI run killed four).
    List<Long> killed = new ArrayList<>();
    int from = 0;
    for (int attempt = 0;
        attempt < 4 && run.text().lines().noneMatch(ClusterIT::lostTask) && run.isAlive();
        attempt++) {
      if (!run.awaitLineAfter("Starting task", from, 2)) {
        break;
      }
      killed.add(killOneExecutor());
      from = run.length();
      Thread.sleep(3000);
    }
    TestProcess.Output done = run.finish(10);
    assertEquals(0, done.exitCode(), done.text());
    assertLossSeen(done, killed, args.get(0));
  }

  /**
   * Whether a driver log line reports a running task lost with its executor. Spark words it two
   * ways, depending on whether the executor's exit reached the driver as caused by the application
   * ("Lost task ...: ExecutorLostFailure") or not ("task ... failed because while it was being
   * computed, its executor exited for a reason unrelated to the task"), which is a race between the
   * worker's report and the broken connection: a CI run lost four tasks, all the second way.
   */
  static boolean lostTask(String line) {
    return line.contains("Lost task")
        || line.contains("failed because while it was being computed, its executor exited");
  }

  /** The driver noticed the executors die and lost running tasks with them; prints how many. */
  private static void assertLossSeen(TestProcess.Output run, List<Long> pids, String during) {
    // Spark says "Lost an executor" when the worker reported the exit before the driver noticed.
    assertTrue(
        run.text().contains("Lost executor") || run.text().contains("Lost an executor"),
        "the driver never saw the loss:\n" + run.text());
    long lostTasks = run.text().lines().filter(ClusterIT::lostTask).count();
    assertTrue(lostTasks > 0, "no running task was lost: the kills missed\n" + run.text());
    System.out.println(
        "killed executor pids "
            + pids
            + " during "
            + during
            + ": "
            + lostTasks
            + " task(s) lost and rerun");
  }

  /** Runs {@code args} in this JVM on {@code local[2]}, the fault-free reference. */
  private static void runLocally(List<String> args) {
    List<String> local = new ArrayList<>(args);
    local.addAll(List.of("--master", SharedSparkContext.MASTER));
    CliRunner.Result run = CliRunner.run(local.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.out() + run.err());
  }

  private static List<String> trainArgs(Path model) {
    return new ArrayList<>(
        JobArgs.of("train")
            .model(model)
            .trainImages(TRAIN_IMAGES)
            .epochs(1)
            .batchSize(100)
            .testImages(TEST_IMAGES)
            .list());
  }

  private static List<String> evaluateArgs(Path model, Path report) {
    return new ArrayList<>(
        JobArgs.of("evaluate")
            .model(model)
            .report(report)
            .testImages(TEST_IMAGES)
            .steps(STEPS)
            .list());
  }

  /** Every figure of the two reports but the timings and the master. */
  private static void assertSameFigures(Path expectedDir, Path actualDir) throws IOException {
    ReportFigures.assertSame(
        Json.MAPPER.readTree(expectedDir.resolve("report.json").toFile()),
        Json.MAPPER.readTree(actualDir.resolve("report.json").toFile()));
  }

  /** SIGKILLs one executor JVM of this test's cluster; returns its pid. */
  private static long killOneExecutor() {
    ProcessHandle executor =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")
                        && p.info().commandLine().orElse("").contains(state.toString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no executor JVM of the test cluster found"));
    executor.destroyForcibly();
    return executor.pid();
  }

  private static TestProcess script(String name) throws IOException {
    return start(List.of(ROOT.resolve("deploy/local-cluster/" + name).toString()));
  }

  private static TestProcess submit(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("deploy/local-cluster/submit").toString());
    command.addAll(args);
    return start(command);
  }

  private static TestProcess start(List<String> command) {
    return TestProcess.start(
        command,
        Map.of(
            "SNN_CLUSTER_DIR", state.toString(),
            "SNN_CLUSTER_PORT", "17077",
            "SNN_CLUSTER_UI_PORT", "18080"));
  }
}
