package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFetcherTest {
  @TempDir Path dir;

  @Test
  void fetchingTwiceIsANoOp() {
    DatasetFetcher fetcher = new DatasetFetcher(TestDatasets.dataRoot());
    TestDatasets.mnist();

    DatasetFetcher.Result again = fetcher.fetch(KnownDataset.MNIST);

    assertEquals(List.of(), again.fetched());
    assertEquals(4, again.alreadyPresent().size());
  }

  @Test
  void checksumMismatchDeletesTheCopy() throws IOException {
    Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte"), "not mnist");

    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                DatasetFetcher.verifyOrDelete(
                    file,
                    file.toString(),
                    KnownDataset.MNIST.sha256().get(file.getFileName().toString())));

    assertTrue(e.getMessage().startsWith(file + ": SHA-256 mismatch"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void sha256OfKnownBytes() throws IOException {
    Path file = Files.writeString(dir.resolve("abc"), "abc");
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        DatasetFetcher.sha256(file));
  }

  @Test
  void aFileItCannotReadIsNamed() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("not-a-file")); // unreadable as a file
    DatasetException e = assertThrows(DatasetException.class, () -> DatasetFetcher.sha256(folder));
    assertTrue(e.getMessage().startsWith(folder + ": cannot read: "), e.getMessage());
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KnownDataset.byId("cifar"));
    assertEquals("unknown dataset 'cifar'; known: mnist, fashion-mnist", e.getMessage());
  }
}
