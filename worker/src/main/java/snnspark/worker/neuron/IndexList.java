package snnspark.worker.neuron;

/**
 * A list of neuron indices of fixed capacity, reused step after step; what {@link LifNeurons} keeps
 * its refractory neurons and spikes in.
 */
final class IndexList {
  private final int[] items;
  private int size;

  IndexList(int capacity) {
    this.items = new int[capacity];
  }

  int size() {
    return size;
  }

  int get(int k) {
    return items[k];
  }

  void clear() {
    size = 0;
  }

  void add(int i) {
    items[size++] = i;
  }

  /** Appends every index of {@code other}, in its order. */
  void addAll(IndexList other) {
    System.arraycopy(other.items, 0, items, size, other.size);
    size += other.size;
  }

  /** Copies this list into {@code into} from {@code at}; returns the position after it. */
  int copyTo(int[] into, int at) {
    System.arraycopy(items, 0, into, at, size);
    return at + size;
  }
}
