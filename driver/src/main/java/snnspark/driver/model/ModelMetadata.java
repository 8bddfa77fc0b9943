package snnspark.driver.model;

import java.util.List;
import snnspark.worker.SnnArchitecture;

/**
 * What is saved beside a trained model ({@code model.json} next to {@code model.zip}): the
 * architecture it belongs to and how it was trained, so {@code evaluate} can check it and report
 * the run.
 *
 * @param formatVersion version of this file's layout
 * @param architecture the network, neuron parameters included
 * @param dataset where the training data came from
 * @param nTrain training images used
 * @param epochs epochs trained
 * @param workers parameter-averaging workers
 * @param batchSizePerWorker minibatch of each worker
 * @param averagingFrequency minibatches between averages
 * @param seed random seed
 * @param trainingNoiseHz noise on neuron outputs while training, in Hz (0 in models from before it)
 * @param rateError error of the rate network on the test set ({@code n_test} images)
 * @param nTest test images the rate error was measured on
 * @param lossByEpoch training loss after each epoch
 * @param rateErrorByEpoch rate error after each epoch on the first {@link #EPOCH_ERROR_IMAGES} test
 *     images (null in models from before it was recorded)
 * @param trainSeconds wall time of the training
 * @param trainImagesPerSecond training images processed per second of wall time
 */
public record ModelMetadata(
    int formatVersion,
    SnnArchitecture architecture,
    String dataset,
    int nTrain,
    int epochs,
    int workers,
    int batchSizePerWorker,
    int averagingFrequency,
    long seed,
    double trainingNoiseHz,
    double rateError,
    int nTest,
    List<Double> lossByEpoch,
    List<Double> rateErrorByEpoch,
    double trainSeconds,
    double trainImagesPerSecond) {

  /** The layout this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Test images the per-epoch rate error is measured on: enough for a curve, cheap per epoch. */
  public static final int EPOCH_ERROR_IMAGES = 1000;
}
