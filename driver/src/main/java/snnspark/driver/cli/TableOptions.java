package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.io.UserException;
import snnspark.driver.predict.InputFormat;
import snnspark.driver.predict.TableColumns;

/** How to read an image table: its format and column names ({@code predict}, {@code train}). */
final class TableOptions {
  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description = "idx, parquet, csv or images (default: from the input's name and files).")
  String inputFormat;

  @Option(
      names = "--features-col",
      paramLabel = "NAME",
      description = "Image column of a Parquet or CSV input (default: ${DEFAULT-VALUE}).")
  String featuresCol = TableColumns.DEFAULT.features();

  @Option(
      names = "--label-col",
      paramLabel = "NAME",
      description =
          "Label column (integer class indices), used when present (default: ${DEFAULT-VALUE}).")
  String labelCol = TableColumns.DEFAULT.label();

  @Option(
      names = "--id-col",
      paramLabel = "NAME",
      description =
          "Id column, used when present; otherwise the row's index (default: ${DEFAULT-VALUE}).")
  String idCol = TableColumns.DEFAULT.id();

  /** The format given, or null to tell it from the input. */
  InputFormat format() {
    try {
      return inputFormat == null ? null : InputFormat.parse(inputFormat);
    } catch (IllegalArgumentException e) {
      throw new UserException("--input-format: " + e.getMessage());
    }
  }

  TableColumns columns() {
    return new TableColumns(featuresCol, labelCol, idCol);
  }
}
