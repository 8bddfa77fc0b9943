package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HadoopPathTest {
  @Test
  void pathsAndUrisParse() {
    assertEquals("data/mnist", HadoopPath.of("data/mnist").toString());
    assertEquals("/tmp/out/model.zip", HadoopPath.of("/tmp/out/model.zip").toString());
    assertEquals("hdfs://nn:8020/data", HadoopPath.of("hdfs://nn:8020/data").toString());
    assertEquals("runs/2024-05-01T10:30", HadoopPath.of("runs/2024-05-01T10:30").toString());
  }

  @Test
  void aLocalNameWithAColonIsRefusedWithTheWayToWriteIt() {
    DatasetException e =
        assertThrows(DatasetException.class, () -> HadoopPath.of("2024-05-01T10:30/model.zip"));
    assertEquals(
        "2024-05-01T10:30/model.zip: not a path or URI Hadoop can read ('2024-05-01T10:' reads as"
            + " a URI scheme; write ./2024-05-01T10:30/model.zip for a local name)",
        e.getMessage());
    assertEquals("2024-05-01T10:30/model.zip", e.file());
  }

  @Test
  void anEmptyPathIsRefused() {
    assertEquals(
        "'': an empty path names no file or folder",
        assertThrows(DatasetException.class, () -> HadoopPath.of("")).getMessage());
  }
}
