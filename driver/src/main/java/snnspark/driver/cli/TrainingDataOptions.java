package snnspark.driver.cli;

import picocli.CommandLine.Option;
import snnspark.driver.io.UserException;
import snnspark.driver.predict.ImageInput;

/**
 * Where {@code train} and {@code run} take their images from: an IDX folder ({@code --data}), or a
 * training and a test set of any kind {@code predict} reads ({@code --train}, {@code --test}).
 */
final class TrainingDataOptions {
  @Option(
      names = "--train",
      paramLabel = "URI",
      description =
          "Training images instead of --data's: a folder of PNG/JPEG images with one subfolder"
              + " per class (the subfolder's name is the class), or an IDX folder.")
  String train;

  @Option(
      names = "--test",
      paramLabel = "URI",
      description =
          "Test images for the errors, with --train: the same kind of folder, its subfolders"
              + " named after training classes.")
  String test;

  /** A training set and the test set its errors are measured on. */
  record Sets(ImageInput train, ImageInput test) {}

  /** Whether --train or --test was given. */
  boolean given() {
    return train != null || test != null;
  }

  /**
   * The training and test sets: --train's and --test's where given, else the IDX folder {@code
   * data}'s (null: none given).
   */
  Sets sets(String data) {
    if (!given()) {
      if (data == null) {
        throw new UserException("give the images: --data DIR, or --train URI and --test URI");
      }
      return new Sets(ImageInput.of(data), ImageInput.of(data));
    }
    if (data != null) {
      throw new UserException("give --data or --train and --test, not both");
    }
    if (train == null || test == null) {
      throw new UserException("--train and --test go together (the test set measures the errors)");
    }
    return new Sets(ImageInput.of(train), ImageInput.of(test));
  }
}
