package snnspark.driver.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnspark.driver.model.ModelMetadata;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.SimulationConfig;

/**
 * The result of a run as {@code report.json} writes it (snake_case keys). Errors are fractions.
 *
 * @param dataset training/test data location
 * @param nTrain training images
 * @param nTest test images
 * @param epochs training epochs
 * @param workers parameter-averaging workers
 * @param batchSizePerWorker minibatch per worker
 * @param averagingFrequency minibatches between averages
 * @param seed random seed
 * @param trainingNoiseHz noise on neuron outputs while training, in Hz
 * @param rateError rate-network error on the test images
 * @param spikingError spiking error after the last step
 * @param nSteps timesteps per image
 * @param errorByStep spiking error after each step
 * @param confusion {@code [label][prediction]} counts after the last step
 * @param firingRateHz mean firing rate per neuron layer
 * @param synopsPerImage synaptic events per image per neuron layer (over all steps)
 * @param macsPerImage multiply-accumulates of one dense rate forward pass
 * @param trainSeconds training wall time
 * @param trainImagesPerSecond training throughput
 * @param evalSeconds spiking-evaluation wall time
 * @param evalImageStepsPerSecond spiking-evaluation throughput
 * @param synapseTau lowpass time constant between neuron layers, seconds (0: none, the seed)
 * @param initialVoltage how neuron voltages started
 * @param sparkMaster where the evaluation ran
 */
public record Report(
    String dataset,
    int nTrain,
    int nTest,
    int epochs,
    int workers,
    int batchSizePerWorker,
    int averagingFrequency,
    long seed,
    double trainingNoiseHz,
    double rateError,
    double spikingError,
    int nSteps,
    double[] errorByStep,
    long[][] confusion,
    Map<String, Double> firingRateHz,
    Map<String, Double> synopsPerImage,
    long macsPerImage,
    double trainSeconds,
    double trainImagesPerSecond,
    double evalSeconds,
    double evalImageStepsPerSecond,
    double synapseTau,
    String initialVoltage,
    String sparkMaster) {

  /** Puts a model's training record and a spiking evaluation together. */
  public static Report of(
      ModelMetadata model,
      double rateError,
      EvaluationStats stats,
      SimulationConfig config,
      double evalSeconds,
      String sparkMaster) {
    SnnArchitecture arch = model.architecture();
    Map<String, Double> rates = new LinkedHashMap<>();
    Map<String, Double> synops = new LinkedHashMap<>();
    List<String> layers = SnnArchitecture.NEURON_LAYERS;
    for (int l = 0; l < layers.size(); l++) {
      rates.put(layers.get(l), stats.meanRateHz(l, arch.neuronsPerImage()[l], config.dt()));
      synops.put(layers.get(l), stats.synapticEventsPerImage(l));
    }
    return new Report(
        model.dataset(),
        model.nTrain(),
        (int) stats.images(),
        model.epochs(),
        model.workers(),
        model.batchSizePerWorker(),
        model.averagingFrequency(),
        model.seed(),
        model.trainingNoiseHz(),
        rateError,
        stats.finalError(),
        config.steps(),
        stats.errorByStep(),
        stats.confusion(),
        rates,
        synops,
        arch.macsPerImage(),
        model.trainSeconds(),
        model.trainImagesPerSecond(),
        evalSeconds,
        stats.images() * config.steps() / evalSeconds,
        config.synapseTau(),
        config.initialVoltage().name().toLowerCase(java.util.Locale.ROOT),
        sparkMaster);
  }

  /** The synapse between layers as people read it: "5 ms", or "none (the seed)". */
  String synapseLabel() {
    if (!(synapseTau > 0)) {
      return "none (the seed)";
    }
    return new java.math.BigDecimal(Double.toString(synapseTau * 1000))
            .stripTrailingZeros()
            .toPlainString()
        + " ms";
  }

  /** A few lines for the console: errors in percent, timings. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            java.util.Locale.ROOT,
            "rate error     %6.2f%%  (%d test images)%n",
            100 * rateError,
            nTest));
    s.append(
        String.format(
            java.util.Locale.ROOT,
            "spiking error  %6.2f%%  after %d steps",
            100 * spikingError,
            nSteps));
    int[] marks = {nSteps / 3, 2 * nSteps / 3};
    if (marks[0] >= 1) {
      s.append("  (");
      for (int m : marks) {
        s.append(
            String.format(java.util.Locale.ROOT, "%.2f%% at %d, ", 100 * errorByStep[m - 1], m));
      }
      s.setLength(s.length() - 2);
      s.append(")");
    }
    if (synapseTau > 0) {
      s.append(", ").append(synapseLabel()).append(" synapse between layers");
    }
    s.append(System.lineSeparator());
    s.append(
        String.format(
            java.util.Locale.ROOT,
            "training       %.0f s (%.0f images/s); spiking evaluation %.1f s (%.0f image-steps/s)%n",
            trainSeconds,
            trainImagesPerSecond,
            evalSeconds,
            evalImageStepsPerSecond));
    return s.toString();
  }
}
