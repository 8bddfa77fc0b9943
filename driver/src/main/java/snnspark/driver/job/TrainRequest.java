package snnspark.driver.job;

import snnspark.driver.train.TrainSettings;

/**
 * What a training run is asked to do.
 *
 * @param data dataset folder or URI
 * @param settings how to train
 * @param testLimit test images for the rate error (0: all)
 * @param model where the model goes ({@code .../model.zip}; {@code model.json} beside it)
 * @param checkpoints folder for per-epoch checkpoints, or null
 * @param resume continue after the newest complete checkpoint
 */
public record TrainRequest(
    String data,
    TrainSettings settings,
    int testLimit,
    String model,
    String checkpoints,
    boolean resume) {}
