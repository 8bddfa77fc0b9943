package snnspark.worker;

/** Derives independent, reproducible seeds from a run seed and coordinates. */
final class Seeds {
  private Seeds() {}

  /** A seed for one image's neurons in one layer: the same wherever the image is simulated. */
  static long forImage(long seed, int layer, long imageIndex) {
    return mix(mix(seed ^ 0x5DEECE66DL) ^ (layer * 0x9E3779B97F4A7C15L) ^ mix(imageIndex));
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
