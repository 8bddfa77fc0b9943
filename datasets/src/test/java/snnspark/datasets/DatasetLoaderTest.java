package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static snnspark.datasets.IdxReaderTest.assertProblem;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
  @TempDir Path dir;

  private final DatasetLoader loader = new DatasetLoader();

  @Test
  void loadsRawAndGzipSplits() {
    Dataset train = IdxFiles.writeSplit(dir, Split.TRAIN, 30, 28, 28, false);
    Dataset test = IdxFiles.writeSplit(dir, Split.TEST, 20, 28, 28, true);

    assertEquals(train, loader.load(dir.toString(), Split.TRAIN, 28, 28, 10));
    assertEquals(test, loader.load(dir.toString(), Split.TEST, 28, 28, 10));
    assertEquals(3, loader.load(dir.toString(), Split.TRAIN).labelHistogram()[0]);
  }

  @Test
  void rangesReadOnlyTheirShareRawOrGzip() {
    Dataset raw = IdxFiles.writeSplit(dir.resolve("raw"), Split.TEST, 37, 28, 28, false);
    Dataset gz = IdxFiles.writeSplit(dir.resolve("gz"), Split.TEST, 37, 28, 28, true);

    assertEquals(
        raw.slice(10, 25),
        loader.loadRange(dir.resolve("raw").toString(), Split.TEST, 10, 25, raw.classes()));
    assertEquals(
        gz.slice(30, 37),
        loader.loadRange(dir.resolve("gz").toString(), Split.TEST, 30, 37, gz.classes()));
    assertEquals(
        raw.slice(0, 0),
        loader.loadRange(dir.resolve("raw").toString(), Split.TEST, 0, 0, raw.classes()));
  }

  @Test
  void oneImagesFileTakesItsLabelsFromBesideItWhenThereAreAny() {
    Path images =
        IdxFiles.write(
            dir.resolve("mine-images-idx3-ubyte"), IdxFiles.images(3, 2, 2, new byte[12]));
    DatasetLoader.IdxFile unlabelled = loader.loadFile(images.toString(), 2, 2, 10);
    assertEquals(false, unlabelled.labelled());
    assertEquals(3, unlabelled.images().count());

    IdxFiles.write(dir.resolve("mine-labels-idx1-ubyte"), IdxFiles.labels(new byte[] {4, 0, 9}));
    DatasetLoader.IdxFile labelled = loader.loadFile(images.toString(), 2, 2, 10);
    assertEquals(true, labelled.labelled());
    assertEquals(9, labelled.images().label(2));

    assertProblem(
        images.toString(),
        "images are 2x2 pixels, the network expects 3x3",
        () -> loader.loadFile(images.toString(), 3, 3, 10));
    assertProblem(
        dir.resolve("mine-labels-idx1-ubyte").toString(),
        "label 9 at index 2 is not one of the 5 classes",
        () -> loader.loadFile(images.toString(), 2, 2, 5));
  }

  @Test
  void pixelsScaleToUnitInterval() {
    IdxFiles.writeSplit(dir, Split.TEST, 10, 28, 28, false);
    Dataset data = loader.load(dir.toString(), Split.TEST);
    assertEquals(0f, data.minPixel());
    assertEquals(1f, data.maxPixel());
    float[] first = data.imagesAsFloats(0, 1);
    assertEquals(784, first.length);
    assertEquals(7f / 255f, first[1], 1e-7f);
  }

  @Test
  void missingDirectory() {
    String missing = dir.resolve("absent").toString();
    assertProblem(missing, "dataset directory not found", () -> loader.load(missing, Split.TRAIN));
  }

  @Test
  void missingLabelFile() {
    IdxFiles.write(dir.resolve(Split.TEST.imagesFile()), IdxFiles.images(1, 1, 1, new byte[] {0}));
    assertProblem(
        dir.resolve(Split.TEST.labelsFile()).toString(),
        "file not found",
        () -> loader.load(dir.toString(), Split.TEST));
  }

  @Test
  void imageLabelCountMismatch() {
    IdxFiles.write(dir.resolve(Split.TEST.imagesFile()), IdxFiles.images(3, 2, 2, new byte[12]));
    Path labels =
        IdxFiles.write(dir.resolve(Split.TEST.labelsFile()), IdxFiles.labels(new byte[] {1, 2}));
    assertProblem(
        labels.toString(),
        "image/label count mismatch: 2 labels",
        () -> loader.load(dir.toString(), Split.TEST));
  }

  @Test
  void classesAreZeroToTheLargestLabel() {
    IdxFiles.write(dir.resolve(Split.TEST.imagesFile()), IdxFiles.images(3, 2, 2, new byte[12]));
    IdxFiles.write(dir.resolve(Split.TEST.labelsFile()), IdxFiles.labels(new byte[] {1, 10, 2}));

    Dataset data = loader.load(dir.toString(), Split.TEST);

    assertEquals(11, data.classes());
    assertEquals(11, data.oneHotLabels(0, 3).columns());
    assertEquals(1f, data.oneHotLabels(0, 3).getFloat(1, 10));
  }

  @Test
  void labelOutsideTheNetworksClasses() {
    IdxFiles.write(dir.resolve(Split.TEST.imagesFile()), IdxFiles.images(3, 2, 2, new byte[12]));
    Path labels =
        IdxFiles.write(
            dir.resolve(Split.TEST.labelsFile()), IdxFiles.labels(new byte[] {1, 10, 2}));
    assertProblem(
        labels.toString(),
        "label 10 at index 1 is not one of the 10 classes 0..9",
        () -> loader.load(dir.toString(), Split.TEST, 2, 2, 10));
  }

  @Test
  void wrongImageSize() {
    IdxFiles.writeSplit(dir, Split.TEST, 4, 32, 32, true);
    assertProblem(
        dir.resolve(Split.TEST.imagesFile() + ".gz").toString(),
        "images are 32x32 pixels, the network expects 28x28",
        () -> loader.load(dir.toString(), Split.TEST, 28, 28, 10));
  }
}
