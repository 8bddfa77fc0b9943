package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.TestDatasets;
import snnspark.driver.MiniYarn;
import snnspark.driver.TestProcess;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;

/**
 * The job on a real YARN cluster over HDFS (Hadoop's MiniYARNCluster and MiniDFSCluster in this
 * JVM), submitted by {@code deploy/submit-yarn.sh} exactly as a user submits it, with Spark's own
 * SparkSubmit ({@code deploy/local-cluster/spark-submit}): the shaded jar travels through HDFS, the
 * application master and two executors of 1 core are YARN containers, data and results live on
 * HDFS. Cluster mode, client mode, and an executor's container killed during training.
 *
 * <p>An integration test (failsafe, {@code mvn verify}): it needs the shaded jar.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("snnspark.project.root", ".."));
  private static final Pattern APPLICATION = Pattern.compile("application_\\d+_\\d+");
  private static final int TEST_IMAGES = 500;
  private static final int STEPS = 10;

  @TempDir static Path dir;
  private static MiniYarn yarn;
  private static String data;
  private static String runs;

  @BeforeAll
  static void startYarn() throws Exception {
    yarn = new MiniYarn(dir.resolve("yarn"), 12_288);
    data = yarn.hdfs().copyFolder(TestDatasets.mnist(), "/data/mnist");
    runs = data.substring(0, data.indexOf("/data/mnist")) + "/runs";
  }

  @AfterAll
  static void stopYarn() {
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  @Order(1)
  void clusterModeRunEqualsLocalRun() throws Exception {
    String out = runs + "/cluster";
    Submission run = submit("cluster", runArgs(out, 2000, 1));
    TestProcess.Output done = run.process.finish(8);
    assertEquals(0, done.exitCode(), done.text());
    String app = applicationId(done.text());
    assertSucceeded(app);
    String driver = yarn.masterLog(app, "stdout");
    assertTrue(driver.contains("spiking error"), "driver output:\n" + driver);
    List<String> written = HadoopFiles.list(out, yarn.configuration());
    assertTrue(written.containsAll(List.of("model.zip", "report.json", "_SUCCESS")), "" + written);

    Path local = dir.resolve("local");
    List<String> localArgs = new ArrayList<>(runArgs(local.toString(), 2000, 1));
    localArgs.set(localArgs.indexOf(data), TestDatasets.mnist().toString());
    localArgs.addAll(List.of("--master", "local[2]"));
    CliRunner.Result reference = CliRunner.run(localArgs.toArray(String[]::new));
    assertEquals(0, reference.exitCode(), reference.out() + reference.err());
    JsonNode onYarn = report(out);
    ReportFigures.assertSame(Json.MAPPER.readTree(local.resolve("report.json").toFile()), onYarn);
    String clusterDigest = parametersSha256(out + "/model.json");
    String localDigest = parametersSha256(local.resolve("model.json").toUri().toString());
    System.out.printf(
        "parameters SHA-256: YARN cluster mode %s, local[2] %s%n", clusterDigest, localDigest);
    assertNotNull(localDigest, "the local model recorded no parameters_sha256");
    assertEquals(
        localDigest, clusterDigest, "YARN's executors trained other weights than local[2]");
    System.out.printf(
        "%s on YARN, cluster mode: final status %s; rate error %s, spiking error %s, equal to"
            + " local[2]%n",
        app,
        yarn.report(app).getFinalApplicationStatus(),
        onYarn.get("rate_error"),
        onYarn.get("spiking_error"));
  }

  @Test
  @Order(2)
  void clientModeShowsTheDriverOnTheConsole() throws Exception {
    String report = runs + "/client-report";
    List<String> args =
        JobArgs.of("evaluate")
            .data(data)
            .model(runs + "/cluster/model.zip")
            .flag("--report", report)
            .testImages(TEST_IMAGES)
            .steps(STEPS)
            .list();
    Submission evaluate = submit("client", args);
    TestProcess.Output done = evaluate.process.finish(6);
    assertEquals(0, done.exitCode(), done.text());
    assertTrue(done.text().contains("spiking evaluation of 500 images"), done.text());
    assertTrue(done.text().contains("spiking evaluation: 5/5 partitions done"), done.text());
    assertTrue(done.text().contains("spiking error"), done.text());
    String app = yarn.applicationTagged(evaluate.tag).orElseThrow();
    assertSucceeded(app);
    ReportFigures.assertSame(report(runs + "/cluster"), report(report));
    System.out.printf("%s on YARN, client mode: final status SUCCEEDED%n", app);
  }

  @Test
  @Order(3)
  void trainingSurvivesAnExecutorContainerKilled() throws Exception {
    String out = runs + "/fault";
    List<String> args = new ArrayList<>(runArgs(out, 6000, 2));
    // Rounds of 5 minibatches keep the executors busy most of the time, so a kill finds a task;
    // --verbose puts the scheduler's "Starting task" lines in the driver's log.
    args.addAll(List.of("--averaging-frequency", "5", "--verbose"));
    Submission run = submit("cluster", args);
    String app = awaitApplication(run);
    assertTrue(awaitDriverLine(app, "stdout", "training on", 0, run.process), run.process.text());
    // Kill the executor a task has just started on; a task that ends before the kill loses
    // nothing, so try again, at most three times (Spark gives up after four lost executors of two).
    // Killing any executor could pick an idle one or a replacement still starting.
    List<Long> killed = new ArrayList<>();
    int from = yarn.masterLog(app, "stderr").length();
    for (int attempt = 0; attempt < 3 && !driverLost(app); attempt++) {
      if (!awaitDriverLine(app, "stderr", "Starting task", from, run.process)) {
        break;
      }
      String log = yarn.masterLog(app, "stderr");
      killed.add(killExecutor(executorOfLastStartedTask(log.substring(from))));
      from = log.length();
      Thread.sleep(3000);
    }
    TestProcess.Output done = run.process.finish(10);
    assertEquals(0, done.exitCode(), done.text());
    assertSucceeded(app);
    String driverLog = yarn.masterLog(app, "stderr");
    assertTrue(driverLost(app), "the driver never lost a task:\n" + driverLog);
    TrainedModel model = new ModelStore(yarn.configuration()).load(out + "/model.zip");
    assertTrue(model.metadata().rateError() < 0.15, "rate error " + model.metadata().rateError());
    System.out.printf(
        "%s on YARN: executor JVMs %s killed during training, %d task(s) lost and rerun; final"
            + " status SUCCEEDED, rate error %.4f%n",
        app,
        killed,
        driverLog.lines().filter(ClusterIT::lostTask).count(),
        model.metadata().rateError());
  }

  private static List<String> runArgs(String out, int trainImages, int epochs) {
    return JobArgs.of("run")
        .data(data)
        .out(out)
        .trainImages(trainImages)
        .epochs(epochs)
        .batchSize(100)
        .testImages(TEST_IMAGES)
        .steps(STEPS)
        .list();
  }

  /** A submission and the tag that finds its application. */
  private record Submission(TestProcess process, String tag) {}

  /** {@code deploy/submit-yarn.sh} with 2 executors of 1 core, sized for this machine. */
  private static Submission submit(String deployMode, List<String> args) {
    String tag = "snn-" + UUID.randomUUID();
    String javaHome = System.getProperty("java.home");
    String sparkJars = dir.resolve("spark/spark-home/jars").toString();
    String options =
        String.join(
            " ",
            "--conf spark.yarn.jars=local:" + sparkJars + "/*",
            "--conf spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
            "--conf spark.executorEnv.JAVA_HOME=" + javaHome,
            "--conf spark.driver.memory=2g",
            "--conf spark.yarn.am.memory=512m",
            "--conf spark.executor.memory=2g",
            "--conf spark.executor.memoryOverhead=1g",
            "--conf spark.executor.cores=1",
            "--conf spark.yarn.maxAppAttempts=1",
            "--conf spark.ui.enabled=false",
            "--conf spark.yarn.tags=" + tag);
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("deploy/submit-yarn.sh").toString());
    command.addAll(args);
    TestProcess process =
        TestProcess.start(
            command,
            Map.of(
                "HADOOP_CONF_DIR",
                yarn.confDir().toString(),
                "SPARK_SUBMIT",
                ROOT.resolve("deploy/local-cluster/spark-submit").toString(),
                "SNN_CLUSTER_DIR",
                dir.resolve("spark").toString(),
                "SNN_EXECUTORS",
                "2",
                "SNN_DEPLOY_MODE",
                deployMode,
                "SNN_SUBMIT_OPTS",
                options));
    return new Submission(process, tag);
  }

  private static String applicationId(String submitOutput) {
    Matcher m = APPLICATION.matcher(submitOutput);
    assertTrue(m.find(), "spark-submit named no application:\n" + submitOutput);
    return m.group();
  }

  private static String awaitApplication(Submission run) throws Exception {
    for (int i = 0; i < 1200; i++) {
      var app = yarn.applicationTagged(run.tag);
      if (app.isPresent()) {
        return app.get();
      }
      assertTrue(run.process.isAlive(), "spark-submit ended:\n" + run.process.text());
      Thread.sleep(100);
    }
    throw new AssertionError("no application tagged " + run.tag + ":\n" + run.process.text());
  }

  /**
   * Waits until the driver's {@code file} shows {@code line} at or after character {@code from};
   * false if the application ends first.
   */
  private static boolean awaitDriverLine(
      String app, String file, String line, int from, TestProcess submit) throws Exception {
    for (int i = 0; i < 3000; i++) {
      if (yarn.masterLog(app, file).indexOf(line, from) >= 0) {
        return true;
      }
      if (!submit.isAlive()) {
        return false;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the driver never printed '" + line + "'");
  }

  private static boolean driverLost(String app) throws Exception {
    return yarn.masterLog(app, "stderr").lines().anyMatch(ClusterIT::lostTask);
  }

  private static void assertSucceeded(String app) throws Exception {
    ApplicationReport report = yarn.report(app);
    assertEquals(YarnApplicationState.FINISHED, report.getYarnApplicationState(), app);
    assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus(), app);
  }

  /** The parameters' SHA-256 that the model.json at {@code uri} (HDFS or local) records. */
  private static String parametersSha256(String uri) {
    return HadoopFiles.read(
        uri,
        yarn.configuration(),
        in -> Json.MAPPER.readTree(in).path("parameters_sha256").asText(null));
  }

  private static JsonNode report(String folder) throws Exception {
    return HadoopFiles.read(
        folder + "/report.json", yarn.configuration(), in -> Json.MAPPER.readTree(in));
  }

  /**
   * SIGKILLs the JVM of executor {@code executorId}, one of the containers (a descendant of this
   * JVM's NodeManager). The java process itself, not the container's bash launcher, whose command
   * line names the backend too: killing only the launcher ends the container, the NodeManager
   * deletes its folder with the localized jar, and the orphaned JVM, still registered with the
   * driver, fails every task with ClassNotFoundException ("unread block data"), which a CI run once
   * showed.
   */
  private static long killExecutor(String executorId) {
    String flag = "--executor-id " + executorId + " ";
    ProcessHandle executor =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().command().orElse("").endsWith("/java"))
            .filter(
                p -> p.info().commandLine().orElse("").contains("YarnCoarseGrainedExecutorBackend"))
            .filter(p -> p.info().commandLine().orElse("").contains(flag))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no JVM of executor " + executorId + " found"));
    executor.destroyForcibly();
    return executor.pid();
  }

  /**
   * The executor id in the last "Starting task ... (host, executor N, ...)" line of {@code log}.
   */
  private static String executorOfLastStartedTask(String log) {
    Matcher started = Pattern.compile("Starting task .*?, executor (\\d+),").matcher(log);
    String id = null;
    while (started.find()) {
      id = started.group(1);
    }
    assertNotNull(id, "no executor named in the driver's 'Starting task' lines:\n" + log);
    return id;
  }
}
