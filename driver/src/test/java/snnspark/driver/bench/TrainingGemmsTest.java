package snnspark.driver.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import snnspark.worker.SnnArchitecture;

/**
 * The tutorial's training GEMMs are the products its fused layers and dense layers issue, and the
 * benchmark multiplies each as its shape says.
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
  void eachShapeIsTheProductItNames() {
    List<GemmShape> shapes = new ArrayList<>(TrainingGemms.of(SnnArchitecture.TUTORIAL, 100));
    shapes.add(new GemmShape("small, both transposed", 8, 16, 4, true, true));
    for (GemmShape shape : shapes) {
      RandomProduct product = new RandomProduct(shape);
      product.multiply();
      INDArray expected = product.left().mmul(product.right());
      assertArrayEquals(new long[] {shape.m(), shape.n()}, product.product().shape(), shape.name());
      // Operands in [0, 1): a float sum of k products errs by far less than k millionths of it.
      double tolerance = 1e-6 * shape.k() * expected.maxNumber().doubleValue();
      double worst = expected.sub(product.product()).amaxNumber().doubleValue();
      assertTrue(worst <= tolerance, shape.name() + ": off by " + worst);
    }
  }
}
