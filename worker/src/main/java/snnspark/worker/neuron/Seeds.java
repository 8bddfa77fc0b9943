package snnspark.worker.neuron;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible seeds from a run seed and coordinates: the initial voltages of
 * an image's neurons, a training step's noise and dropout draws, and the seed DL4J gets. One place,
 * so every random draw of a run follows from its one seed.
 */
public final class Seeds {
  /**
   * SplittableRandom's gamma for a generator made from a seed ({@link #uniformDraw}); the same bits
   * as the hashes' golden-ratio multiplier below, by SplitMix64's design, not by reuse.
   */
  private static final long SPLITMIX_GAMMA = 0x9e3779b97f4a7c15L;

  private Seeds() {}

  /**
   * A seed for one image's neurons in one layer, from the image's key ({@link #imageKey}): the same
   * wherever and in whatever company the image is simulated.
   */
  public static long forImage(long seed, int layer, long imageKey) {
    return mix(mix(seed ^ 0x5DEECE66DL) ^ (layer * 0x9E3779B97F4A7C15L) ^ mix(imageKey));
  }

  /**
   * A 64-bit key of an image's values {@code values[from .. from+length)}: every bit of every value
   * affects it, so two images share a key only if they are the same image (or by a 2^-64 chance).
   */
  public static long imageKey(float[] values, int from, int length) {
    long h = 0x9E3779B97F4A7C15L ^ length;
    for (int i = from; i < from + length; i++) {
      h = mix(h ^ Float.floatToIntBits(values[i]) * 0xC2B2AE3D27D4EB4FL);
    }
    return h;
  }

  /**
   * The generator of one training step's draws for stream {@code stream} (a layer, or dropout) on
   * the worker that trains {@code partition}: the same whichever executor, thread or task attempt
   * runs it, and different across workers at the same iteration.
   */
  public static SplittableRandom forTrainingStep(
      long seed, int epoch, int iteration, int stream, int partition) {
    return new SplittableRandom(
        forImage(seed ^ ((long) epoch << 32 | iteration), stream, partition));
  }

  /**
   * The seed to give DL4J/ND4J for a user's seed. ND4J takes 0 to mean "no seed" (the clock), so
   * the user's seed 0, the default, would make every run different; mixing maps it elsewhere.
   */
  public static long forDl4j(long seed) {
    long mixed = mix(seed ^ 0x2545F4914F6CDD1DL);
    return mixed == 0 ? 1 : mixed;
  }

  /**
   * Draw {@code k} (counting from 0) of {@code new SplittableRandom(seed).nextDouble()}, computed
   * without the draws before it: SplittableRandom (SplitMix64) adds its gamma to the seed for each
   * draw and mixes the sum, so draw k depends on k alone. A layer that steps only some of its
   * neurons draws only their initial voltages, each the one it would get in order.
   */
  static double uniformDraw(long seed, long k) {
    long z = seed + (k + 1) * SPLITMIX_GAMMA;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
