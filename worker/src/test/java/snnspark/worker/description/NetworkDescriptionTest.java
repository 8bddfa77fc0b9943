package snnspark.worker.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;
import snnspark.worker.description.LayerSpec.Padding;

class NetworkDescriptionTest {
  private static final InputShape MNIST = new InputShape(28, 28, 1);

  @Test
  void sizesTheTutorialLayerByLayer() {
    List<LayerShape> shapes = NetworkDescription.TUTORIAL.shapes(MNIST, 10);
    assertEquals(
        List.of("conv1", "conv2", "avgpool1", "dense", "dropout1", "output"),
        shapes.stream().map(LayerShape::name).toList());
    assertEquals(
        List.of("26x26x32", "24x24x32", "12x12x32", "1x1x128", "1x1x128", "1x1x10"),
        shapes.stream().map(s -> s.output().toString()).toList());
    assertEquals(
        List.of(320L, 9248L, 0L, 589_952L, 0L, 1290L),
        shapes.stream().map(LayerShape::parameters).toList());
  }

  @Test
  void stridesAndSamePaddingSizeAsKerasDoes() {
    NetworkDescription nengoDl =
        new NetworkDescription(
            List.<LayerSpec>of(
                new Conv(32, 3),
                new Conv(64, 3, 2, Padding.VALID),
                new Conv(128, 3, 2, Padding.VALID),
                new Conv(16, 3, 2, Padding.SAME)));
    assertEquals(
        List.of("26x26x32", "12x12x64", "5x5x128", "3x3x16", "1x1x10"),
        nengoDl.shapes(MNIST, 10).stream().map(s -> s.output().toString()).toList());
  }

  @Test
  void namesSeveralDenseLayersByPosition() {
    NetworkDescription mlp =
        new NetworkDescription(List.<LayerSpec>of(new Dense(100), new Dropout(0.1), new Dense(50)));
    assertEquals(List.of("dense1", "dense2"), mlp.neuronLayerNames());
    assertEquals(
        List.of("conv1", "conv2", "dense"), NetworkDescription.TUTORIAL.neuronLayerNames());
  }

  @Test
  void refusesALayerThatDoesNotFitItsInput() {
    NetworkDescription big =
        new NetworkDescription(List.<LayerSpec>of(new Conv(8, 3), new AvgPool(4), new Conv(8, 9)));
    assertEquals(
        "layer 3 (conv): a 9x9 kernel does not fit its 6x6 input (use padding same or a smaller"
            + " kernel)",
        assertThrows(IllegalArgumentException.class, () -> big.shapes(MNIST, 10)).getMessage());
    NetworkDescription pool =
        new NetworkDescription(List.<LayerSpec>of(new AvgPool(30), new Dense(5)));
    assertEquals(
        "layer 1 (avgpool): a 30x30 pool does not fit its 28x28 input",
        assertThrows(IllegalArgumentException.class, () -> pool.shapes(MNIST, 10)).getMessage());
  }

  /** Sizes no machine trains are refused by their counts, before anything is allocated. */
  @Test
  void refusesOutputsAndParameterCountsBeyondTheLimits() {
    NetworkDescription wide = new NetworkDescription(List.<LayerSpec>of(new Dense(100_000_000)));
    assertEquals(
        "layer 1 (dense): its output: image shape must hold at most 16777216 values, got"
            + " 1x1x100000000",
        assertThrows(IllegalArgumentException.class, () -> wide.shapes(MNIST, 10)).getMessage());
    NetworkDescription dense = new NetworkDescription(List.<LayerSpec>of(new Dense(1_000_000)));
    assertEquals(
        "the network has 795000010 parameters, more than 268435456",
        assertThrows(IllegalArgumentException.class, () -> dense.shapes(MNIST, 10)).getMessage());
    // A stride near int's end sized "same" padding's output through an overflow.
    Conv far = new Conv(4, 3, Integer.MAX_VALUE, Padding.SAME);
    assertEquals(1, far.outputs(28));
    assertEquals(0, far.padBefore(28));
    assertEquals(
        new InputShape(1, 1, 4),
        new NetworkDescription(List.<LayerSpec>of(far)).shapes(MNIST, 10).get(0).output());
  }

  @Test
  void refusesStacksNoSpikingNetworkIsMadeOf() {
    assertEquals(
        "no conv or dense layer: a spiking network needs at least one layer of neurons",
        assertThrows(
                IllegalArgumentException.class,
                () -> new NetworkDescription(List.<LayerSpec>of(new AvgPool(2))))
            .getMessage());
    assertEquals(
        "layer 2 (conv): follows a dense layer, but takes an image: put it before the first dense",
        assertThrows(
                IllegalArgumentException.class,
                () -> new NetworkDescription(List.<LayerSpec>of(new Dense(4), new Conv(2, 1))))
            .getMessage());
    assertEquals(
        "a classifier needs at least 2 classes, got 1",
        assertThrows(
                IllegalArgumentException.class, () -> NetworkDescription.TUTORIAL.shapes(MNIST, 1))
            .getMessage());
  }

  @Test
  void layersRefuseSizesBelowOne() {
    assertEquals(
        "kernel must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new Conv(3, 0)).getMessage());
    assertEquals(
        "rate must lie in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1)).getMessage());
  }
}
