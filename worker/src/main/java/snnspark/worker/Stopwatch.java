package snnspark.worker;

/** Wall time since a start, in seconds: the one way this project times anything. */
public final class Stopwatch {
  private static final double NANOS_PER_SECOND = 1e9;

  private final long startNanos;

  private Stopwatch(long startNanos) {
    this.startNanos = startNanos;
  }

  /** A stopwatch running from now. */
  public static Stopwatch start() {
    return new Stopwatch(System.nanoTime());
  }

  /** A stopwatch that reads {@code seconds} already, e.g. the time of a run being resumed. */
  public static Stopwatch startedSecondsAgo(double seconds) {
    return new Stopwatch(System.nanoTime() - (long) (seconds * NANOS_PER_SECOND));
  }

  /** Seconds since the start. */
  public double seconds() {
    return (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
  }
}
