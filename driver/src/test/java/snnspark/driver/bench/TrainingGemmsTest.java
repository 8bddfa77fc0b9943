package snnspark.driver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import snnspark.worker.SnnArchitecture;

/**
 * The tutorial's training GEMMs are the products its fused layers and dense layers issue, and they
 * measure at a positive speed.
 */
class TrainingGemmsTest {
  @Test
  void theTutorialsShapesFollowItsLayers() {
    List<GemmShape> shapes = TrainingGemms.of(SnnArchitecture.TUTORIAL, 100);
    assertEquals(13, shapes.size(), shapes.toString());
    GemmShape conv2 = shapes.get(3);
    assertEquals("conv2, per image: forward", conv2.name());
    // 32 filters of 3x3x32 patches over 24x24 pixels.
    assertEquals(List.of(32, 576, 288), List.of(conv2.m(), conv2.n(), conv2.k()));
    GemmShape dense = shapes.get(7);
    assertEquals("dense, per minibatch: forward", dense.name());
    // The 2x2 pool of 24x24x32 flattened into 128 units, 100 images at a time.
    assertEquals(List.of(100, 128, 4608), List.of(dense.m(), dense.n(), dense.k()));
    assertEquals("output, per minibatch: forward", shapes.get(10).name());
  }

  @Test
  void eachShapeMeasures() {
    GemmShape small = new GemmShape("small", 8, 16, 4, true, true);
    assertTrue(SgemmPeak.measure(1, small) > 0);
  }
}
