package snnspark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchPartitionerTest extends SharedSparkContext {
  @TempDir Path dir;

  @Test
  void minibatchesCoverTheDatasetInOrderAcrossPartitions() {
    Dataset data = IdxFiles.writeSplit(dir, Split.TEST, 25, 28, 28, false);

    JavaRDD<DataSet> rdd = MinibatchPartitioner.partition(sc(), data, 10, 2);
    List<DataSet> batches = rdd.collect();

    assertEquals(2, rdd.getNumPartitions());
    assertEquals(List.of(10, 10, 5), batches.stream().map(DataSet::numExamples).toList());
    DataSet last = batches.get(2);
    assertArrayEquals(new long[] {5, 1, 28, 28}, last.getFeatures().shape());
    assertArrayEquals(new long[] {5, 10}, last.getLabels().shape());
    // image 20 of the set is image 0 of the last batch: label 0, pixels as scaled bytes
    assertEquals(data.label(20), last.getLabels().getRow(0).argMax().getInt(0));
    assertArrayEquals(
        data.imagesAsFloats(20, 21), last.getFeatures().slice(0).ravel().toFloatVector());
  }
}
