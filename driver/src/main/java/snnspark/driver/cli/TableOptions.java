package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.predict.InputFormat;
import snnspark.driver.predict.TableColumns;

/** How to read an image table: its format and column names ({@code predict}, {@code train}). */
final class TableOptions {
  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      converter = InputFormatConverter.class,
      description = "idx, parquet, csv or images (default: from the input's name and files).")
  InputFormat inputFormat;

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
    return inputFormat;
  }

  /** Accepts the formats in any case. */
  static final class InputFormatConverter extends LowerCaseEnumConverter<InputFormat> {
    InputFormatConverter() {
      super(InputFormat.class);
    }
  }

  TableColumns columns() {
    return new TableColumns(featuresCol, labelCol, idCol);
  }
}
