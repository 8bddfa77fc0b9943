package snnspark.driver.train;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The networks a JVM's training tasks keep from one averaging round to the next, so that a round
 * loads the averaged parameters into a network it has rather than building one (DL4J builds a
 * network, its parameters, gradients and updater for every task of every round:
 * docs/performance.md, "Networks kept between rounds").
 *
 * <p>A task takes a network only from its own training and an earlier round. A round's results are
 * the network's own parameter and updater arrays (in a local run the very arrays), which the driver
 * sums in place after the round's job; it starts the next round only after that, so a network
 * stamped with an earlier round is no longer read by anyone. A network whose task failed is never
 * given back.
 *
 * <p>At most {@link #CAPACITY} are kept, the most recently used: dropping one is always safe (it is
 * then garbage like DL4J's own networks were), so a JVM that runs more tasks at once only builds
 * some anew.
 */
final class KeptNetworks {
  /** Enough for every task a JVM of this machine runs at once. */
  static final int CAPACITY = Math.max(4, Runtime.getRuntime().availableProcessors());

  /** Free networks, the most recently given back first; guarded by itself. */
  private static final Deque<Kept> FREE = new ArrayDeque<>();

  private KeptNetworks() {}

  /**
   * A network that {@code round}'s training gave back in an earlier round, no longer kept; or null.
   */
  static MultiLayerNetwork take(Round round) {
    synchronized (FREE) {
      for (Iterator<Kept> it = FREE.iterator(); it.hasNext(); ) {
        Kept kept = it.next();
        if (kept.round.training.equals(round.training) && kept.round.number < round.number) {
          it.remove();
          return kept.network;
        }
      }
    }
    return null;
  }

  /** Keeps {@code network}, whose results of {@code round} are out, for later rounds. */
  static void giveBack(MultiLayerNetwork network, Round round) {
    synchronized (FREE) {
      FREE.addFirst(new Kept(network, round));
      while (FREE.size() > CAPACITY) {
        FREE.removeLast();
      }
    }
  }

  /** Drops the networks of {@code training}, which has ended. */
  static void forget(String training) {
    synchronized (FREE) {
      FREE.removeIf(kept -> kept.round.training.equals(training));
    }
  }

  /** How many networks this JVM keeps now. */
  static int size() {
    synchronized (FREE) {
      return FREE.size();
    }
  }

  /**
   * Round {@code number} of training {@code training}: numbers grow from round to round, and each
   * training (an instance of the training master) draws its own random name.
   */
  record Round(String training, long number) implements Serializable {}

  private record Kept(MultiLayerNetwork network, Round round) {}
}
