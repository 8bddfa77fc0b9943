package snnspark.driver.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.io.UserException;
import snnspark.worker.description.LayerSpec;
import snnspark.worker.description.LayerSpec.AvgPool;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Dense;
import snnspark.worker.description.LayerSpec.Dropout;
import snnspark.worker.description.LayerSpec.Padding;
import snnspark.worker.description.NetworkDescription;

/**
 * A {@link NetworkDescription} as JSON (docs/networks.md): {@code {"layers": [{"type": "conv",
 * "filters": 32, "kernel": 3}, ...]}}. Strict, so that a typo is an error and not a default:
 * unknown keys and types are refused, and so are the layers a spiking conversion cannot take as
 * they are, with what to use instead. Every error is one line that starts with the description's
 * source and names the layer by position and type.
 */
public final class NetworkJson {
  /** The keys each layer type takes, {@code type} aside. */
  private static final Map<String, Set<String>> KEYS =
      Map.of(
          "conv", Set.of("filters", "kernel", "stride", "padding"),
          "avgpool", Set.of("size"),
          "dense", Set.of("units"),
          "dropout", Set.of("rate"));

  /** Layer types users bring from other tools, with what to do instead. */
  private static final Map<String, String> INSTEAD =
      Map.ofEntries(
          Map.entry("maxpool", maxPool()),
          Map.entry("max_pool", maxPool()),
          Map.entry("maxpooling2d", maxPool()),
          Map.entry("batchnorm", batchNorm()),
          Map.entry("batch_norm", batchNorm()),
          Map.entry("batchnormalization", batchNorm()),
          Map.entry("flatten", "a dense layer flattens its input itself; remove this layer"),
          Map.entry("activation", activation()),
          Map.entry("relu", activation()),
          Map.entry("sigmoid", activation()),
          Map.entry("tanh", activation()),
          Map.entry("softmax", activation()),
          Map.entry("lif", activation()));

  /** The largest description file read; a real one is a few hundred bytes. */
  private static final int MAX_BYTES = 1 << 20;

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  /**
   * The shared mapper, stricter still: a key given twice, or text after the description, is an
   * error and not a silent choice of one of them.
   */
  private static final ObjectReader READER =
      Json.MAPPER
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private NetworkJson() {}

  /** The description in file {@code uri} (a path or any Hadoop URI). */
  public static NetworkDescription load(String uri, Configuration conf) {
    byte[] bytes = HadoopFiles.read(uri, conf, in -> in.readNBytes(MAX_BYTES + 1));
    if (bytes.length > MAX_BYTES) {
      throw new UserException(
          uri + ": larger than " + MAX_BYTES + " bytes, too large for a network description");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    // Editors on Windows start a UTF-8 file with a byte order mark, which JSON does not allow.
    return parse(text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text, uri);
  }

  /**
   * The description {@code text} holds; {@code source} (a file, or the setting's name for inline
   * text) starts every error line.
   */
  public static NetworkDescription parse(String text, String source) {
    try {
      return description(READER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new UserException(source + ": not JSON: " + reason(e));
    } catch (IllegalArgumentException e) {
      throw new UserException(source + ": " + e.getMessage());
    }
  }

  /**
   * Jackson's reason on one line, with where it stopped; a limit of its own (nesting, a number's
   * length) gives no place.
   */
  private static String reason(JsonProcessingException e) {
    String reason =
        e.getOriginalMessage()
            .lines()
            .findFirst()
            .orElse("")
            .replaceAll(" \\((start marker|for root starting) at \\[Source:.*\\]\\)", "");
    if (reason.startsWith("Trailing token")) {
      reason = "text after the description's end"; // Jackson's words name its own classes
    }
    JsonLocation at = e.getLocation();
    return at == null
        ? reason
        : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** The description in JSON tree {@code root}; {@code source} starts every error line. */
  public static NetworkDescription fromTree(JsonNode root, String source) {
    try {
      return description(root);
    } catch (IllegalArgumentException e) {
      throw new UserException(source + ": " + e.getMessage());
    }
  }

  /** {@code description} as JSON, every default written out, on one line. */
  public static String format(NetworkDescription description) {
    return tree(description).toString();
  }

  /** {@code description} as a JSON tree, every default written out. */
  public static ObjectNode tree(NetworkDescription description) {
    ArrayNode layers = JsonNodeFactory.instance.arrayNode();
    description.layers().forEach(layer -> layers.add(node(layer)));
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("layers", layers);
    return root;
  }

  private static NetworkDescription description(JsonNode root) {
    if (root == null || !root.isObject() || !root.path("layers").isArray()) {
      throw new IllegalArgumentException(
          "a network description is an object with a list of layers: {\"layers\": [...]}");
    }
    root.fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.equals("layers")) {
                throw new IllegalArgumentException(
                    "unknown key '" + key + "' (a network description has only layers)");
              }
            });
    List<LayerSpec> layers = new ArrayList<>();
    Iterator<JsonNode> nodes = root.get("layers").elements();
    for (int i = 1; nodes.hasNext(); i++) {
      layers.add(layer(i, nodes.next()));
    }
    return new NetworkDescription(layers);
  }

  private static LayerSpec layer(int index, JsonNode node) {
    JsonNode typeNode = node.path("type");
    if (!node.isObject() || !typeNode.isTextual()) {
      throw new IllegalArgumentException(
          "layer " + index + ": not an object with a type, such as {\"type\": \"dense\", ...}");
    }
    String type = typeNode.asText();
    String where = "layer " + index + " (" + type + "): ";
    Set<String> keys = KEYS.get(type);
    if (keys == null) {
      throw new IllegalArgumentException(
          where
              + INSTEAD.getOrDefault(
                  type.toLowerCase(Locale.ROOT),
                  "unknown layer type (the types are conv, avgpool, dense and dropout)"));
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.equals("type") && !keys.contains(key)) {
                throw new IllegalArgumentException(
                    where + "unknown key '" + key + "' (" + type + " takes " + sorted(keys) + ")");
              }
            });
    try {
      return switch (type) {
        case "conv" ->
            new Conv(
                whole(node, "filters", 0),
                whole(node, "kernel", 0),
                whole(node, "stride", 1),
                padding(node));
        case "avgpool" -> new AvgPool(whole(node, "size", 0));
        case "dense" -> new Dense(whole(node, "units", 0));
        default -> new Dropout(number(node, "rate"));
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  /** A whole number at {@code key}; {@code fallback} when absent, unless it is 0 (required). */
  private static int whole(JsonNode node, String key, int fallback) {
    JsonNode value = node.get(key);
    if (value == null && fallback > 0) {
      return fallback;
    }
    if (value == null) {
      throw new IllegalArgumentException("missing '" + key + "'");
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new IllegalArgumentException(key + " must be a whole number, got " + value);
    }
    return value.intValue();
  }

  private static double number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing '" + key + "'");
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(key + " must be a number, got " + value);
    }
    return value.doubleValue();
  }

  private static Padding padding(JsonNode node) {
    JsonNode value = node.get("padding");
    if (value == null) {
      return Padding.VALID;
    }
    for (Padding p : Padding.values()) {
      if (p.jsonName().equals(value.asText()) && value.isTextual()) {
        return p;
      }
    }
    throw new IllegalArgumentException("padding must be \"valid\" or \"same\", got " + value);
  }

  private static ObjectNode node(LayerSpec layer) {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", layer.type());
    if (layer instanceof Conv c) {
      node.put("filters", c.filters())
          .put("kernel", c.kernel())
          .put("stride", c.stride())
          .put("padding", c.padding().jsonName());
    } else if (layer instanceof AvgPool p) {
      node.put("size", p.size());
    } else if (layer instanceof Dense d) {
      node.put("units", d.units());
    } else if (layer instanceof Dropout d) {
      node.put("rate", d.rate());
    }
    return node;
  }

  private static String sorted(Set<String> keys) {
    return String.join(", ", keys.stream().sorted().toList());
  }

  private static String maxPool() {
    return "max pooling has no spiking equivalent the simulators run; use avgpool";
  }

  private static String batchNorm() {
    return "batch normalisation is not converted to spikes; normalise the input images instead";
  }

  private static String activation() {
    return "activations are the network's neurons: every conv and dense layer is followed by LIF"
        + " neurons (SoftLIF in training) and the output layer is implicit; remove this layer";
  }
}
