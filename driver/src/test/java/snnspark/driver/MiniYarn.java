package snnspark.driver;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import snnspark.datasets.MiniHdfs;

/**
 * A real YARN cluster on HDFS in this JVM, as Spark's own {@code BaseYarnClusterSuite} starts it:
 * Hadoop's MiniYARNCluster (a ResourceManager and one NodeManager, whose containers are processes
 * of their own) over a MiniDFSCluster, and a {@code HADOOP_CONF_DIR} that reaches both, for
 * spark-submit.
 */
public final class MiniYarn implements AutoCloseable {
  private final MiniHdfs hdfs;
  private final MiniYARNCluster yarn;
  private final YarnClient client;
  private final Path confDir;

  /**
   * Starts HDFS and YARN with their state under {@code base}; {@code nodeMemoryMb} for containers.
   */
  public MiniYarn(Path base, int nodeMemoryMb) throws Exception {
    hdfs = new MiniHdfs(base.resolve("hdfs"));
    yarn = new MiniYARNCluster("snn-yarn", 1, 1, 1);
    yarn.init(configuration(hdfs.configuration(), nodeMemoryMb));
    yarn.start();
    awaitBoundAddress();
    if (!yarn.waitForNodeManagersToConnect(60_000)) {
      throw new IllegalStateException("the NodeManager did not register within 60 s");
    }
    confDir = Files.createDirectories(base.resolve("hadoop-conf"));
    Configuration client = new Configuration(yarn.getConfig());
    // MiniDFSCluster's rack mapping lives in Hadoop's test classes, which clients do not have.
    client.set("net.topology.node.switch.mapping.impl", "org.apache.hadoop.net.ScriptBasedMapping");
    for (String file : List.of("core-site.xml", "yarn-site.xml")) {
      try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
        client.writeXml(out);
      }
    }
    this.client = YarnClient.createYarnClient();
    this.client.init(yarn.getConfig());
    this.client.start();
  }

  private static YarnConfiguration configuration(Configuration hdfs, int nodeMemoryMb) {
    YarnConfiguration conf = new YarnConfiguration(hdfs);
    // A nearly full disk would mark the node unhealthy and hang every application.
    conf.set(
        "yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    // The minicluster jar has no capacity-scheduler.xml: one queue for everything.
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    // MiniYARNCluster sizes its NodeManager from this key, not yarn.nodemanager.resource.memory-mb.
    conf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", nodeMemoryMb);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    return conf;
  }

  /** start() may return before the ResourceManager has written its bound port into the config. */
  private void awaitBoundAddress() throws InterruptedException {
    for (int i = 0;
        i < 300 && yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0");
        i++) {
      Thread.sleep(100);
    }
    if (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      throw new IllegalStateException("the ResourceManager did not bind within 30 s");
    }
  }

  /** HDFS, for copying data in and reading results back. */
  public MiniHdfs hdfs() {
    return hdfs;
  }

  /** A client configuration that reaches this HDFS and YARN. */
  public Configuration configuration() {
    return yarn.getConfig();
  }

  /** The folder to give spark-submit as {@code HADOOP_CONF_DIR}. */
  public Path confDir() {
    return confDir;
  }

  /** The ResourceManager's report of application {@code id} ("application_..."). */
  public ApplicationReport report(String id) throws Exception {
    return client.getApplicationReport(ApplicationId.fromString(id));
  }

  /** The id of the application tagged {@code tag} (spark.yarn.tags), once YARN knows it. */
  public Optional<String> applicationTagged(String tag) throws Exception {
    return client.getApplications().stream()
        .filter(app -> app.getApplicationTags().contains(tag))
        .map(app -> app.getApplicationId().toString())
        .findFirst();
  }

  /**
   * What the application master's container of {@code appId} has written to {@code file} so far
   * ("stdout" or "stderr"); in cluster mode that is the driver's output. Empty before it starts.
   */
  public String masterLog(String appId, String file) throws Exception {
    ApplicationReport app = report(appId);
    if (app.getCurrentApplicationAttemptId() == null) {
      return "";
    }
    ContainerId master =
        client.getApplicationAttemptReport(app.getCurrentApplicationAttemptId()).getAMContainerId();
    if (master == null) {
      return "";
    }
    String dirs = yarn.getNodeManager(0).getConfig().get(YarnConfiguration.NM_LOG_DIRS);
    for (String dir : dirs.split(",")) {
      Path log = Path.of(dir.replaceFirst("^file:", ""), appId, master.toString(), file);
      if (Files.exists(log)) {
        return Files.readString(log);
      }
    }
    return "";
  }

  @Override
  public void close() {
    client.stop();
    yarn.stop();
    hdfs.close();
  }
}
