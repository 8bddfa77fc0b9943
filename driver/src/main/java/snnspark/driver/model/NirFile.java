package snnspark.driver.model;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link NirGraph} in NIR's HDF5 layout, as {@code nir.write} of NIR 1.0 lays it out: a
 * root {@code version} string, a group {@code node} with {@code type = "NIRGraph"}, {@code edges}
 * (an n x 2 array of node names) and {@code nodes/<name>/}, each node a group holding its {@code
 * type} and one dataset per parameter. Strings are fixed-length here (jHDF's), where {@code
 * nir.write} uses variable-length ones; h5py reads both as bytes, which is what {@code nir.read}
 * compares against.
 */
public final class NirFile {
  /** The NIR release whose {@code nir.write} layout and parameter names this file follows. */
  public static final String NIR_VERSION = "1.0.7";

  private NirFile() {}

  /** Writes {@code graph} to the local file {@code path}. */
  public static void write(NirGraph graph, Path path) {
    try (WritableHdfFile file = HdfFile.write(path)) {
      file.putDataset("version", NIR_VERSION);
      WritableGroup root = file.putGroup("node");
      root.putDataset("type", "NIRGraph");
      String[][] edges = new String[graph.edges().size()][];
      for (int i = 0; i < edges.length; i++) {
        NirGraph.Edge e = graph.edges().get(i);
        edges[i] = new String[] {e.from(), e.to()};
      }
      root.putDataset("edges", edges);
      WritableGroup nodes = root.putGroup("nodes");
      for (NirGraph.Node node : graph.nodes()) {
        WritableGroup group = nodes.putGroup(node.name());
        group.putDataset("type", node.type());
        for (Map.Entry<String, Object> p : node.params().entrySet()) {
          group.putDataset(p.getKey(), dataOf(p.getValue()));
        }
      }
    }
  }

  /** A parameter as jHDF writes it: tensors as nested Java arrays, which give it the shape. */
  private static Object dataOf(Object value) {
    if (value instanceof NirGraph.Tensor t) {
      return nested(t.values(), t.shape());
    }
    return value;
  }

  /** {@code values} (C order) as a {@code float[d0][d1]...} array of {@code shape}. */
  static Object nested(float[] values, long[] shape) {
    if (shape.length == 0) {
      return values[0];
    }
    int[] dims = new int[shape.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Math.toIntExact(shape[i]);
    }
    Object array = Array.newInstance(float.class, dims);
    fill(array, dims, 0, values, 0);
    return array;
  }

  /** Fills {@code array} (dimensions {@code dims[depth..]}) from {@code values[offset..]}. */
  private static int fill(Object array, int[] dims, int depth, float[] values, int offset) {
    if (depth == dims.length - 1) {
      System.arraycopy(values, offset, array, 0, dims[depth]);
      return offset + dims[depth];
    }
    for (int i = 0; i < dims[depth]; i++) {
      offset = fill(Array.get(array, i), dims, depth + 1, values, offset);
    }
    return offset;
  }
}
