package snnspark.driver.job;

import snnspark.datasets.Holdout;
import snnspark.driver.io.UserException;
import snnspark.driver.predict.ImageInput;
import snnspark.driver.train.TrainSettings;

/**
 * What a training run is asked to do.
 *
 * @param train the training images: an IDX folder (its training split) or any table {@code predict}
 *     reads, labelled
 * @param test the test images for the rate error: an IDX folder (its test split) or a labelled
 *     table; null with {@code holdout}
 * @param holdout the training images held out for the errors instead of a test set, or null
 * @param settings how to train
 * @param testLimit test images for the rate error (0: all)
 * @param model where the model goes ({@code .../model.zip}; {@code model.json} beside it)
 * @param checkpoints folder for per-epoch checkpoints, or null
 * @param resume continue after the newest complete checkpoint
 */
public record TrainRequest(
    ImageInput train,
    ImageInput test,
    Holdout holdout,
    TrainSettings settings,
    int testLimit,
    String model,
    String checkpoints,
    boolean resume) {
  /** Checks there is exactly one place to measure the errors on. */
  public TrainRequest {
    UserException.countOrAll("testLimit", testLimit);
    if ((test == null) == (holdout == null)) {
      throw new IllegalArgumentException("a training run needs a test set or a holdout, not both");
    }
  }
}
