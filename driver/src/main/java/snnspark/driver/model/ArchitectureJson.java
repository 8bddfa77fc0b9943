package snnspark.driver.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import snnspark.driver.io.UserException;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.description.InputShape;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.NetworkDescription;
import snnspark.worker.neuron.NeuronParams;

/**
 * {@code model.json}'s {@code architecture}: the image shape, the classes, the network description
 * (docs/networks.md) and the neurons. Models written before descriptions existed hold the
 * tutorial's sizes instead of a description ({@code conv_filters}, {@code kernel}, {@code pool},
 * {@code dense_units}, {@code dropout}); they read as that description, so they keep working.
 */
final class ArchitectureJson {
  private static final Set<String> KEYS = Set.of("rows", "cols", "channels", "classes", "neurons");
  private static final Set<String> NEW_KEYS = Set.of("network");
  private static final Set<String> OLD_KEYS =
      Set.of("conv_filters", "kernel", "pool", "dense_units", "dropout");

  private ArchitectureJson() {}

  /** Writes an architecture with its description. */
  static final class Writer extends JsonSerializer<SnnArchitecture> {
    @Override
    public void serialize(SnnArchitecture arch, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeNumberField("rows", arch.rows());
      gen.writeNumberField("cols", arch.cols());
      gen.writeNumberField("channels", arch.channels());
      gen.writeNumberField("classes", arch.classes());
      gen.writeFieldName("network");
      gen.writeTree(NetworkJson.tree(arch.network()));
      gen.writeObjectField("neurons", arch.neurons());
      gen.writeEndObject();
    }
  }

  /** Reads an architecture in either layout. */
  static final class Reader extends JsonDeserializer<SnnArchitecture> {
    @Override
    public SnnArchitecture deserialize(JsonParser p, DeserializationContext ctx)
        throws IOException {
      JsonNode node = p.readValueAsTree();
      boolean described = node.has("network");
      Set<String> layout = described ? NEW_KEYS : OLD_KEYS;
      for (var keys = node.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!KEYS.contains(key) && !layout.contains(key)) {
          throw JsonMappingException.from(p, "architecture: unknown key '" + key + "'");
        }
      }
      try {
        InputShape input =
            new InputShape(
                node.path("rows").asInt(),
                node.path("cols").asInt(),
                node.path("channels").asInt());
        NetworkDescription network =
            described
                ? NetworkJson.fromTree(node.get("network"), "architecture's network")
                : tutorialForm(node);
        NeuronParams neurons =
            node.hasNonNull("neurons")
                ? p.getCodec().treeToValue(node.get("neurons"), NeuronParams.class)
                : null;
        if (neurons == null) {
          throw JsonMappingException.from(p, "architecture: neurons missing");
        }
        return new SnnArchitecture(input, network, node.path("classes").asInt(), neurons);
      } catch (IllegalArgumentException | UserException e) {
        throw JsonMappingException.from(p, "architecture: " + e.getMessage(), e);
      }
    }

    /** The description a model from before descriptions held as sizes of the tutorial's form. */
    private static NetworkDescription tutorialForm(JsonNode node) {
      LayerSpec.Conv conv =
          new LayerSpec.Conv(node.path("conv_filters").asInt(), node.path("kernel").asInt());
      List<LayerSpec> layers = new ArrayList<>();
      layers.add(conv);
      layers.add(conv);
      layers.add(new LayerSpec.AvgPool(node.path("pool").asInt()));
      layers.add(new LayerSpec.Dense(node.path("dense_units").asInt()));
      double dropout = node.path("dropout").asDouble();
      if (dropout > 0) {
        layers.add(new LayerSpec.Dropout(dropout));
      }
      return new NetworkDescription(layers);
    }
  }
}
