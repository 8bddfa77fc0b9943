package snnspark.driver.predict;

/**
 * The names of the input table's columns.
 *
 * @param features the image: an array, an ML vector or (CSV) a string of space-separated values; a
 *     CSV without it has one column per pixel
 * @param label the class (0-9), optional
 * @param id an identifier carried to the output, optional (default: the row's index)
 */
public record TableColumns(String features, String label, String id) {
  /** features, label, id. */
  public static final TableColumns DEFAULT = new TableColumns("features", "label", "id");
}
