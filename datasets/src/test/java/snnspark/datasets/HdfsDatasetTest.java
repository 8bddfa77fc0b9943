package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST read through {@code hdfs://} on a real (in-process) HDFS equals the local read. */
class HdfsDatasetTest {
  @TempDir static Path hdfsBase;

  private static MiniDFSCluster cluster;
  private static String hdfsDir;

  @BeforeAll
  static void startHdfsWithMnist() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, hdfsBase.toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    FileSystem fs = cluster.getFileSystem();
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path("/datasets/mnist");
    fs.mkdirs(target);
    try (var files = Files.list(TestDatasets.mnist())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()), target);
      }
    }
    hdfsDir = fs.getUri() + "/datasets/mnist";
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void hdfsReadIsByteIdenticalToLocalRead() {
    DatasetLoader local = new DatasetLoader();
    DatasetLoader hdfs = new DatasetLoader(cluster.getConfiguration(0));
    String localDir = TestDatasets.mnist().toString();

    for (Split split : Split.values()) {
      Dataset fromHdfs = hdfs.load(hdfsDir, split, 28, 28);
      assertEquals(local.load(localDir, split, 28, 28), fromHdfs, split.name());
      assertEquals(true, fromHdfs.source().startsWith("hdfs://"), fromHdfs.source());
    }
  }
}
