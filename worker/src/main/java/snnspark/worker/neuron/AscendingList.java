package snnspark.worker.neuron;

/**
 * A list of neuron indices in ascending order, of fixed capacity, reused step after step; what
 * {@link LifNeurons} keeps its refractory neurons and spikes in.
 */
final class AscendingList {
  private final int[] items;
  private int size;

  AscendingList(int capacity) {
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

  /** Appends {@code i}, which is larger than every index already here. */
  void add(int i) {
    items[size++] = i;
  }

  /** Replaces this list with the merge of {@code a} and {@code b}, which share no index. */
  void merge(AscendingList a, AscendingList b) {
    size = 0;
    appendMerged(a, b);
  }

  /** Appends the merge of {@code a} and {@code b}, all larger than this list's indices. */
  void appendMerged(AscendingList a, AscendingList b) {
    // Most steps one list is empty (no refractory neuron spikes again): a copy, no compares.
    if (a.size == 0 || b.size == 0) {
      AscendingList only = a.size == 0 ? b : a;
      System.arraycopy(only.items, 0, items, size, only.size);
      size += only.size;
      return;
    }
    int x = 0;
    int y = 0;
    while (x < a.size || y < b.size) {
      boolean takeA = y == b.size || (x < a.size && a.items[x] < b.items[y]);
      items[size++] = takeA ? a.items[x++] : b.items[y++];
    }
  }

  /** Copies this list into {@code into} from {@code at}; returns the position after it. */
  int copyTo(int[] into, int at) {
    System.arraycopy(items, 0, into, at, size);
    return at + size;
  }
}
