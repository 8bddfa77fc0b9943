package snnspark.driver.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.LayerShape;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dropout;
import snnspark.worker.description.LayerSpec.Padding;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.Decimals;
import snnspark.worker.neuron.NeuronParams;

/**
 * A network as a table, one row per layer with its output shape, neurons and parameters, as Keras's
 * {@code summary()} prints it.
 */
public final class NetworkSummary {
  private static final String ROW = "%-10s %-24s %-12s %10s %12s";

  private NetworkSummary() {}

  /** The table of {@code arch}. */
  public static List<String> of(SnnArchitecture arch) {
    NetworkDescription network = arch.network();
    List<String> lines = new ArrayList<>();
    lines.add("input " + arch.input() + ", " + arch.classes() + " classes; " + neurons(arch));
    lines.add(String.format(Locale.ROOT, ROW, "layer", "type", "output", "neurons", "parameters"));
    long neurons = 0;
    long parameters = 0;
    for (LayerShape layer : network.shapes(arch.input(), arch.classes())) {
      long count = layer.hasNeurons() ? layer.output().size() : 0;
      neurons += count;
      parameters += layer.parameters();
      lines.add(
          String.format(
              Locale.ROOT,
              ROW,
              layer.name(),
              label(layer),
              shape(layer),
              count == 0 ? "-" : String.format(Locale.ROOT, "%,d", count),
              String.format(Locale.ROOT, "%,d", layer.parameters())));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            ROW,
            "total",
            "",
            "",
            String.format(Locale.ROOT, "%,d", neurons),
            String.format(Locale.ROOT, "%,d", parameters)));
    return lines;
  }

  private static String label(LayerShape layer) {
    if (layer.spec() instanceof Conv c) {
      return "conv "
          + c.kernel()
          + "x"
          + c.kernel()
          + (c.stride() > 1 ? " stride " + c.stride() : "")
          + (c.padding() == Padding.SAME ? " same" : "");
    } else if (layer.spec() instanceof AvgPool p) {
      return "avgpool " + p.size() + "x" + p.size();
    } else if (layer.spec() instanceof Dropout d) {
      return "dropout " + Decimals.shortest(d.rate());
    }
    return layer.spec() == null ? "dense, no neurons" : "dense";
  }

  private static String shape(LayerShape layer) {
    return layer.output().height() == 1 && layer.output().width() == 1
        ? String.valueOf(layer.output().channels())
        : layer.output().toString();
  }

  private static String neurons(SnnArchitecture arch) {
    NeuronParams n = arch.neurons();
    return String.format(
        Locale.ROOT,
        "LIF neurons (SoftLIF in training): tau_rc %s ms, tau_ref %s ms, max rate %s Hz,"
            + " amplitude %s",
        Decimals.shortest(n.tauRc() * 1000),
        Decimals.shortest(n.tauRef() * 1000),
        Decimals.shortest(n.maxRate()),
        Decimals.shortest(n.amplitude()));
  }
}
