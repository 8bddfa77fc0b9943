package snnspark.driver.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snnspark.datasets.Holdout;
import snnspark.driver.io.UserException;
import snnspark.driver.job.TrainRequest;
import snnspark.driver.predict.ImageInput;
import snnspark.driver.train.TrainSettings;
import snnspark.worker.description.InputShape;

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
              + " per class (the subfolder's name is the class), a Parquet or CSV table with"
              + " integer labels, or an IDX folder.")
  String train;

  @Option(
      names = "--test",
      paramLabel = "URI",
      description =
          "Test images for the errors, with --train: an image folder whose subfolders are named"
              + " after training classes, or a table with integer labels.")
  String test;

  @Option(
      names = "--image-shape",
      paramLabel = "HxWxC",
      description =
          "With --train: the shape of a Parquet or CSV table's flat images, such as 32x32x3"
              + " (default: a square grey image of the values' count; image folders give their"
              + " own).")
  String imageShape;

  @Option(
      names = "--validation-fraction",
      paramLabel = "F",
      description =
          "With --train and no --test: hold this share of the training images out (drawn from"
              + " --seed) and measure the errors on them.")
  Double validationFraction;

  @Mixin TableOptions table;

  /**
   * A training set and where its errors are measured: a test set, or the training images {@code
   * holdout} holds out.
   */
  record Sets(ImageInput train, ImageInput test, Holdout holdout) {
    /** Where a run's evaluation reads its images. */
    ImageInput evaluated() {
      return holdout == null ? test : train;
    }

    /**
     * Training on these sets with {@code settings}, checkpointed as {@code options} ask, the model
     * written to {@code model}.
     */
    TrainRequest trainRequest(
        TrainSettings settings, TrainOptions options, int testLimit, String model) {
      return new TrainRequest(
          train,
          test,
          holdout,
          settings,
          testLimit,
          model,
          options.checkpointDir(),
          options.resume);
    }
  }

  private InputShape shape() {
    return imageShape == null ? null : parseShape(imageShape);
  }

  /** The image shape {@code text} gives ({@code 28x28x1}), or the user's error naming the flag. */
  static InputShape parseShape(String text) {
    try {
      return InputShape.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UserException("--image-shape: " + e.getMessage());
    }
  }

  /** Whether --train, --test or --validation-fraction was given. */
  boolean given() {
    return train != null || test != null || validationFraction != null;
  }

  /**
   * The training and test sets: --train's and --test's (or the share of --train's held out, drawn
   * from {@code seed}) where given, else the IDX folder {@code data}'s (null: none given).
   */
  Sets sets(String data, long seed) {
    if (!given()) {
      if (data == null) {
        throw new UserException("give the images: --data DIR, or --train URI and --test URI");
      }
      // An IDX folder's two splits; any other folder as both would test on the training images.
      return new Sets(ImageInput.idx(data), ImageInput.idx(data), null);
    }
    if (data != null) {
      throw new UserException("give --data or --train and --test, not both");
    }
    if (train == null || (test == null) == (validationFraction == null)) {
      throw new UserException(
          "--train needs --test or --validation-fraction (where the errors are measured), one of"
              + " them");
    }
    InputShape shape = shape();
    ImageInput trainSet = new ImageInput(train, table.format(), table.columns(), shape);
    if (test == null) {
      try {
        return new Sets(trainSet, null, new Holdout(validationFraction, seed));
      } catch (IllegalArgumentException e) {
        throw new UserException("--validation-fraction: " + e.getMessage());
      }
    }
    return new Sets(trainSet, new ImageInput(test, table.format(), table.columns(), shape), null);
  }
}
