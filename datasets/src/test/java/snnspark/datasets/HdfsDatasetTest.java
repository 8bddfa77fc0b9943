package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST read through {@code hdfs://} on a real (in-process) HDFS equals the local read. */
class HdfsDatasetTest {
  @TempDir static Path hdfsBase;

  private static MiniHdfs hdfs;
  private static String hdfsDir;

  @BeforeAll
  static void startHdfsWithMnist() throws Exception {
    hdfs = new MiniHdfs(hdfsBase);
    hdfsDir = hdfs.copyFolder(TestDatasets.mnist(), "/datasets/mnist");
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void hdfsReadIsByteIdenticalToLocalRead() {
    DatasetLoader local = new DatasetLoader();
    DatasetLoader remote = new DatasetLoader(hdfs.configuration());
    String localDir = TestDatasets.mnist().toString();

    for (Split split : Split.values()) {
      Dataset fromHdfs = remote.load(hdfsDir, split, 28, 28, 10);
      assertEquals(local.load(localDir, split, 28, 28, 10), fromHdfs, split.name());
      assertTrue(fromHdfs.source().startsWith("hdfs://"), fromHdfs.source());
    }
    assertEquals(
        local.load(localDir, Split.TEST).slice(4000, 4100),
        remote.loadRange(hdfsDir, Split.TEST, 4000, 4100, 10));
  }
}
