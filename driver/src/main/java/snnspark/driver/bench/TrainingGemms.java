package snnspark.driver.bench;

import java.util.ArrayList;
import java.util.List;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;

/**
 * The GEMMs of one training step of a network, as the fused layers and DL4J's dense layers issue
 * them: per convolution and image the forward product in both layouts {@code FusedConvolution}
 * chooses between (filters by pixels, or pixels by filters when the patch is long), the weight
 * gradient and, after the first layer, the input gradient; per dense layer (and the output) the
 * forward product and both gradients over the minibatch.
 */
public final class TrainingGemms {
  private TrainingGemms() {}

  /** The shapes of {@code arch} for minibatches of {@code batch} images. */
  public static List<GemmShape> of(SnnArchitecture arch, int batch) {
    List<GemmShape> shapes = new ArrayList<>();
    List<LayerShape> layers = arch.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerShape layer = layers.get(i);
      InputShape in = arch.inputOf(i);
      InputShape out = layer.output();
      if (layer.spec() instanceof Conv c) {
        int patch = in.channels() * c.kernel() * c.kernel();
        int pixels = out.height() * out.width();
        int filters = c.filters();
        String name = layer.name() + ", per image: ";
        shapes.add(new GemmShape(name + "forward", filters, pixels, patch, false, false));
        shapes.add(
            new GemmShape(name + "forward, pixel-major", pixels, filters, patch, true, true));
        shapes.add(new GemmShape(name + "weight gradient", filters, patch, pixels, false, true));
        if (i > 0) {
          shapes.add(new GemmShape(name + "input gradient", patch, pixels, filters, true, false));
        }
      } else if (layer.spec() == null || layer.spec() instanceof Dense) {
        int inputs = Math.toIntExact(in.size());
        int units = Math.toIntExact(out.size());
        String name = layer.name() + ", per minibatch: ";
        shapes.add(new GemmShape(name + "forward", batch, units, inputs, false, false));
        shapes.add(new GemmShape(name + "weight gradient", inputs, units, batch, true, false));
        shapes.add(new GemmShape(name + "input gradient", batch, inputs, units, false, true));
      }
    }
    return shapes;
  }
}
