package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder's classes and first image are those of the files Spark's image reader reads. */
class ClassFoldersTest {
  @TempDir Path dir;

  @Test
  void hiddenFilesAndFoldersAndOtherEndingsAreNotTheFoldersImages() throws IOException {
    touch("a/.ipynb_checkpoints/0-checkpoint.png");
    touch("a/._0.png");
    touch("a/_0.png");
    touch("a/0.Png"); // Spark's glob tells case apart
    touch("a/0.txt");
    touch("a/1.png");
    touch("b/.hidden/0.jpg");
    touch("b/2.JPEG");
    touch(".c/0.png");
    Configuration conf = new Configuration();
    assertEquals(List.of("a", "b"), ClassFolders.of(dir.toString(), conf));
    assertEquals(
        dir.resolve("a/1.png").toUri().getPath(),
        java.net.URI.create(ClassFolders.firstImage(dir.resolve("a").toString(), conf)).getPath());
    assertEquals(
        dir.resolve("b/2.JPEG").toUri().getPath(),
        java.net.URI.create(ClassFolders.firstImage(dir.resolve("b").toString(), conf)).getPath());
  }

  private void touch(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1});
  }
}
