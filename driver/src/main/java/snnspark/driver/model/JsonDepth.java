package snnspark.driver.model;

/**
 * Bounds the nesting of a JSON document before DL4J's Jackson parses it: DL4J shades a Jackson
 * without {@code StreamReadConstraints}, which recurses once per level, so a configuration of a few
 * kilobytes of brackets would end in a StackOverflowError instead of a refusal.
 */
final class JsonDepth {
  /** Deepest nesting accepted; DL4J's configuration of the tutorial network nests 7 deep. */
  static final int MAX_DEPTH = 100;

  private JsonDepth() {}

  /** Fails with an {@link IllegalArgumentException} if {@code json} nests deeper. */
  static void check(String name, byte[] json) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++; // the escaped character, a quote included
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '[' || b == '{') {
        if (++depth > MAX_DEPTH) {
          throw new IllegalArgumentException(name + ": JSON nested deeper than " + MAX_DEPTH);
        }
      } else if (b == ']' || b == '}') {
        depth--;
      }
    }
  }
}
