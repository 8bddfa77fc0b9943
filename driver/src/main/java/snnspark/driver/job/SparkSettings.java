package snnspark.driver.job;

import java.io.File;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.UserException;
import snnspark.driver.train.Workers;
import snnspark.worker.spark.BlasKernel;

/**
 * Where a job runs and how wide.
 *
 * @param master Spark master URL, or null for what spark-submit gives (else {@link
 *     #DEFAULT_MASTER})
 * @param workers training workers, and the spiking evaluation's parallelism, or null for Spark's
 *     default parallelism
 * @param eventLogDir folder (any Hadoop URI) for Spark's event log, so the run shows in the history
 *     server; null for none
 */
public record SparkSettings(String master, Integer workers, String eventLogDir) {
  /**
   * System property with the path of the application's shaded jar, set by {@code deploy/snn}: a
   * standalone cluster's executors load the project's classes from it.
   */
  public static final String APP_JAR_PROPERTY = "snnspark.app.jar";

  /** Local Spark, as many workers as cores, no event log. */
  public static SparkSettings local() {
    return new SparkSettings(null, null, null);
  }

  /** Master when neither the settings nor spark-submit give one: every local core. */
  public static final String DEFAULT_MASTER = "local[*]";

  /**
   * Local masters as Spark parses them: {@code local}, {@code local[N]}, {@code local[*]}, with a
   * task failure limit ({@code local[N,F]}), and {@code local-cluster[N,C,M]}.
   */
  private static final Pattern LOCAL_MASTER =
      Pattern.compile(
          "local(\\[([1-9][0-9]*|\\*)(\\s*,\\s*[1-9][0-9]*)?\\])?"
              + "|local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*\\]");

  /** Rejects a worker count no job can run with, and a master Spark could not parse. */
  public SparkSettings {
    Workers.checked(workers);
    if (master != null && !isMasterUrl(master)) {
      throw UserException.aboutSettings(
          "{master} must be local, local[N], local[*], local[N,F], spark://HOST:PORT, yarn or"
              + " k8s://URL, got '"
              + master
              + "'");
    }
  }

  /**
   * Whether Spark would take {@code master}: a local master it parses, {@code yarn}, or a URL of a
   * cluster manager ({@code spark://}, {@code k8s://}, or another's scheme); {@code local[0]},
   * {@code localhost:7077} or a bare host fail inside Spark's start otherwise.
   */
  private static boolean isMasterUrl(String master) {
    if (master.startsWith("local")) {
      return LOCAL_MASTER.matcher(master).matches();
    }
    return master.equals("yarn") || master.matches("[a-z][a-z0-9+.-]*://.+");
  }

  /**
   * Starts a SparkContext. Settings from spark-submit ({@code spark.*} system properties) win over
   * these defaults; an explicit master wins over both.
   */
  public JavaSparkContext start(String appName) {
    return JavaSparkContext.fromSparkContext(session(appName).sparkContext());
  }

  /** The same as a SparkSession, for the jobs that read and write tables. */
  public SparkSession session(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(DEFAULT_MASTER);
    }
    shipApplication(conf);
    if (eventLogDir != null) {
      if (!HadoopFiles.exists(eventLogDir, new Configuration())) {
        throw new UserException(eventLogDir + ": the event log folder does not exist");
      }
      if (!HadoopFiles.isFolder(eventLogDir, new Configuration())) {
        throw new UserException(eventLogDir + ": a file, not the event log folder");
      }
      conf.set("spark.eventLog.enabled", "true");
      conf.set("spark.eventLog.dir", eventLogDir);
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Kryo with ND4J's registrator (and Java serialisation for this project's records).
    conf.setIfMissing("spark.serializer", KryoSerializer.class.getName());
    conf.setIfMissing("spark.kryo.registrator", "snnspark.worker.spark.SnnKryoRegistrator");
    // Spark >= 3.4 pins an executor's OMP_NUM_THREADS to spark.task.cpus (1) unless set. One
    // native thread per task slot is right here: each core already runs its own task, and more
    // threads would only contend. Said explicitly so a reader sees it is a choice.
    conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", conf.get("spark.task.cpus", "1"));
    sameBlasKernel(conf);
    // A training round returns each worker's parameters and updater state (7 MB for the tutorial's
    // network). Above 1 MB Spark parks a task result in the executor's block manager for the
    // driver to fetch in a second step; direct results up to 64 MB save that at every round (Spark
    // still sends larger ones, and any above spark.rpc.message.maxSize, the indirect way).
    conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
    localBroadcasts(conf);
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    ExpectedFailureListener.forget();
    session.sparkContext().addSparkListener(new ExpectedFailureListener(session.sparkContext()));
    return session;
  }

  /**
   * The first task of this JVM's jobs that failed on bad input, as the user should read it: the job
   * was cancelled at once, so the exception it ended with may not carry it.
   */
  public static Optional<RuntimeException> expectedTaskFailure() {
    return ExpectedFailureListener.firstFailure().map(RuntimeException.class::cast);
  }

  /**
   * Executors load the OpenBLAS kernel the driver loaded (deploy/blas-kernel chose it for the
   * driver), not whatever their environment or CPU detection gives: kernels sum matrix products in
   * different orders, and the same seed must train the same bits in every JVM of a job. OpenBLAS
   * reads the variable once, when it loads, so it must be in the executors' environment.
   */
  private static void sameBlasKernel(SparkConf conf) {
    BlasKernel kernel = BlasKernel.loaded();
    if (kernel.known()) {
      conf.setIfMissing("spark.executorEnv." + BlasKernel.ENVIRONMENT, kernel.core());
    }
  }

  /**
   * In local mode a task reads a broadcast's value from the driver's block manager, where Spark
   * keeps the object itself, so the serialized copy it also writes for remote executors goes
   * unread; compressing (LZ4) and checksumming that copy took the driver about 7 ms of every
   * training round (7 MB of parameters and updater state), while the executors waited. Spark also
   * broadcasts every job's task binary (7 KB for a training round) into a buffer of a whole block,
   * 4 MB by default, allocated (a humongous object for G1) and zeroed before the tasks can start:
   * 256 KB blocks took about 1.8 ms off each round's way from submission to its tasks
   * (docs/performance.md, "Smaller broadcast blocks in local mode").
   */
  static void localBroadcasts(SparkConf conf) {
    if (local(conf)) {
      conf.setIfMissing("spark.broadcast.compress", "false");
      conf.setIfMissing("spark.broadcast.checksum", "false");
      conf.setIfMissing("spark.broadcast.blockSize", "256k");
    }
  }

  /** Whether the master runs the executors as threads of this JVM. */
  private static boolean local(SparkConf conf) {
    return conf.get("spark.master").startsWith("local");
  }

  /**
   * Outside spark-submit, executors of a cluster have none of the project's classes: a standalone
   * master gets the shaded jar through {@code spark.jars}; YARN and Kubernetes need spark-submit,
   * which also ships the jar, and are refused at once rather than failing later.
   */
  private static void shipApplication(SparkConf conf) {
    String url = conf.get("spark.master");
    if (local(conf) || conf.contains("spark.submit.deployMode")) {
      return; // local threads share the driver's classes; spark-submit has shipped the jar
    }
    if (url.startsWith("spark://")) {
      String jar = System.getProperty(APP_JAR_PROPERTY);
      if (!conf.contains("spark.jars")) {
        if (jar == null || !new File(jar).isFile()) {
          throw new UserException(
              "master "
                  + url
                  + " needs the application jar on the executors: build it (mvn package) and"
                  + " start through deploy/snn or deploy/submit-standalone.sh");
        }
        conf.set("spark.jars", jar);
      }
      return;
    }
    throw new UserException(
        "master "
            + url
            + " needs spark-submit: use deploy/submit-yarn.sh or deploy/submit-k8s.sh (see"
            + " docs/cluster.md)");
  }

  /**
   * The Hadoop configuration a context started now would have: the site files on the class path,
   * with the {@code spark.hadoop.*} settings (spark-submit passes them as system properties)
   * applied as Spark applies them. Outputs are checked with it before Spark starts.
   */
  public Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> setting : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
      conf.set(setting._1(), setting._2());
    }
    return conf;
  }

  /** The number of workers: as set, else the context's default parallelism. */
  public int workers(JavaSparkContext sc) {
    return Workers.of(workers, sc);
  }
}
