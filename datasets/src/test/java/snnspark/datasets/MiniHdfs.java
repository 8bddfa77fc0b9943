package snnspark.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS (NameNode and one DataNode, in-process) for tests. */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;

  /** Starts HDFS with its storage under {@code baseDir}. */
  public MiniHdfs(Path baseDir) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
  }

  /** Copies every file of a local folder into {@code target} on HDFS; returns its hdfs:// URI. */
  public String copyFolder(Path local, String target) throws IOException {
    FileSystem fs = cluster.getFileSystem();
    org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(target);
    fs.mkdirs(dest);
    try (var files = Files.list(local)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()), dest);
      }
    }
    return fs.getUri() + target;
  }

  /** A client configuration that reaches this HDFS. */
  public Configuration configuration() {
    return cluster.getConfiguration(0);
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
