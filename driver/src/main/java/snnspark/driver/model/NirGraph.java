package snnspark.driver.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph in NIR's terms (the Neuromorphic Intermediate Representation, release 1.0): named nodes,
 * each a NIR type with its parameters under NIR's own names, and edges between them. It holds what
 * {@link NirFile} writes; {@link NirExporter} builds it from a trained network.
 *
 * @param nodes the nodes, in the order they are written
 * @param edges pairs of node names, data flowing from the first to the second
 */
public record NirGraph(List<Node> nodes, List<Edge> edges) {

  /** Checks names are unique and every edge joins two nodes of the graph. */
  public NirGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    Set<String> names = new HashSet<>();
    for (Node n : nodes) {
      if (!names.add(n.name())) {
        throw new IllegalArgumentException("two NIR nodes named " + n.name());
      }
    }
    for (Edge e : edges) {
      if (!names.contains(e.from()) || !names.contains(e.to())) {
        throw new IllegalArgumentException("edge " + e + " names a node the graph lacks");
      }
    }
  }

  /** The node named {@code name}. */
  public Node node(String name) {
    return nodes.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no NIR node " + name));
  }

  /**
   * One NIR node.
   *
   * @param name its key under {@code nodes/}
   * @param type NIR's class name, e.g. {@code Conv2d}
   * @param params parameter name to value: a {@link Tensor}, a {@code long[]} (a shape, stride or
   *     padding), a {@code Long} (an integer such as {@code groups}), in the order written
   */
  public record Node(String name, String type, Map<String, Object> params) {
    /** Rejects values NIR's reader would not take as parameters. */
    public Node {
      if (name == null || name.isEmpty() || name.contains("/") || type == null) {
        throw new IllegalArgumentException("a NIR node needs a name without '/' and a type");
      }
      params = new LinkedHashMap<>(params);
      for (Map.Entry<String, Object> p : params.entrySet()) {
        Object v = p.getValue();
        if (!(v instanceof Tensor || v instanceof long[] || v instanceof Long)) {
          throw new IllegalArgumentException(
              name + "." + p.getKey() + ": a NIR parameter is a tensor, a long[] or a Long");
        }
      }
      params = java.util.Collections.unmodifiableMap(params);
    }
  }

  /** An edge from node {@code from} to node {@code to}. */
  public record Edge(String from, String to) {}

  /**
   * A float32 tensor in C (row-major) order.
   *
   * @param shape its dimensions
   * @param values {@code prod(shape)} values
   */
  public record Tensor(long[] shape, float[] values) {
    /** Checks the values fill the shape. */
    public Tensor {
      long size = 1;
      for (long d : shape) {
        size = Math.multiplyExact(size, d);
      }
      if (size != values.length) {
        throw new IllegalArgumentException(
            values.length + " values for shape " + java.util.Arrays.toString(shape));
      }
    }

    /** {@code value} repeated to fill {@code shape}: NIR's neuron parameters are per neuron. */
    public static Tensor filled(long[] shape, double value) {
      long size = 1;
      for (long d : shape) {
        size *= d;
      }
      float[] values = new float[Math.toIntExact(size)];
      java.util.Arrays.fill(values, (float) value);
      return new Tensor(shape, values);
    }
  }

  /** Builds a graph node by node, each new node joined by an edge from the one before. */
  static final class Chain {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    /** Appends {@code node}, with an edge from the last node if there is one. */
    Chain then(String name, String type, Map<String, Object> params) {
      if (!nodes.isEmpty()) {
        edges.add(new Edge(nodes.get(nodes.size() - 1).name(), name));
      }
      nodes.add(new Node(name, type, params));
      return this;
    }

    NirGraph build() {
      return new NirGraph(nodes, edges);
    }
  }
}
