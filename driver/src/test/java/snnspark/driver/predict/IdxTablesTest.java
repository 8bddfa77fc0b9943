package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader.IdxFile;
import snnspark.datasets.IdxFiles;
import snnspark.datasets.Split;

/** An IDX folder to score is its test split's images, labelled where their labels are there. */
class IdxTablesTest {
  @TempDir Path dir;

  @Test
  void aFolderWithoutLabelsIsScoredUnlabelled() throws Exception {
    Dataset written = IdxFiles.writeSplit(dir, Split.TEST, 5, 4, 4, false);
    IdxFile labelled = IdxTables.read(dir.toString(), new Configuration(), 4, 4, 10);
    assertTrue(labelled.labelled());
    assertArrayEquals(written.labels(), labelled.images().labels());

    // Labels gzipped beside raw images are the images' labels all the same.
    Path labels = dir.resolve(Split.TEST.labelsFile());
    try (var gz =
        new java.util.zip.GZIPOutputStream(
            Files.newOutputStream(dir.resolve(Split.TEST.labelsFile() + ".gz")))) {
      gz.write(Files.readAllBytes(labels));
    }
    Files.delete(labels);
    IdxFile gzipped = IdxTables.read(dir.toString(), new Configuration(), 4, 4, 10);
    assertTrue(gzipped.labelled());
    assertArrayEquals(written.labels(), gzipped.images().labels());

    Files.delete(dir.resolve(Split.TEST.labelsFile() + ".gz"));
    IdxFile unlabelled = IdxTables.read(dir.toString(), new Configuration(), 4, 4, 10);
    assertFalse(unlabelled.labelled());
    assertEquals(5, unlabelled.images().count());
    assertArrayEquals(written.pixels(), unlabelled.images().pixels());
  }
}
