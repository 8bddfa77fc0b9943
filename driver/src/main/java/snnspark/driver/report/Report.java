package snnspark.driver.report;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import snnspark.driver.model.Machine;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.Tuning;
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
 * @param tuning what training changed beyond the tutorial's settings
 * @param rateError rate-network error on the test images
 * @param spikingError spiking error after the last step
 * @param nSteps timesteps per image
 * @param errorByStep spiking error after each step
 * @param confusion {@code [label][prediction]} counts after the last step
 * @param firingRateHz mean firing rate per neuron layer
 * @param synopsPerImage synaptic events per image per neuron layer (over all steps)
 * @param macsPerImage multiply-accumulates of one dense rate forward pass
 * @param energyPerImageJoules estimated energy of one image, spiking and rate ({@link EnergyModel})
 * @param energyModel the costs per operation behind that estimate
 * @param trainSeconds training wall time
 * @param trainImagesPerSecond training throughput
 * @param evalSeconds spiking-evaluation wall time
 * @param evalImageStepsPerSecond spiking-evaluation throughput
 * @param synapseTau lowpass time constant between neuron layers, seconds (0: none, as in the
 *     tutorial)
 * @param initialVoltage how neuron voltages started
 * @param neurons the spiking neurons' rule: {@code lif} (the project's, with refractory period) or
 *     {@code nir} (what a NIR export means); null in reports from before it was recorded
 * @param sparkMaster where the evaluation ran
 * @param machine the evaluation's driver and the OpenBLAS kernel of each of its JVMs (null in
 *     reports from before it was recorded)
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
    Tuning tuning,
    double rateError,
    double spikingError,
    int nSteps,
    double[] errorByStep,
    long[][] confusion,
    Map<String, Double> firingRateHz,
    Map<String, Double> synopsPerImage,
    long macsPerImage,
    EnergyPerImage energyPerImageJoules,
    EnergyModel energyModel,
    double trainSeconds,
    double trainImagesPerSecond,
    double evalSeconds,
    double evalImageStepsPerSecond,
    double synapseTau,
    String initialVoltage,
    String neurons,
    String sparkMaster,
    Machine machine) {
  /**
   * Estimated energy of one image ({@link EnergyModel}), in joules.
   *
   * @param spiking the spiking network shown for all the report's steps
   * @param rate one forward pass of the rate network
   * @param spikingByStep the spiking network shown for 1, 2, ... steps
   */
  public record EnergyPerImage(double spiking, double rate, double[] spikingByStep) {}

  /** Treats a missing tuning as nothing tuned. */
  public Report {
    if (tuning == null) {
      tuning = Tuning.SEED;
    }
  }

  /** A builder, so every value is named where it is set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Report}; every value not set is 0, null or as the field's doc says. */
  public static final class Builder {
    private String dataset;
    private int nTrain;
    private int nTest;
    private int epochs;
    private int workers;
    private int batchSizePerWorker;
    private int averagingFrequency;
    private long seed;
    private double trainingNoiseHz;
    private Tuning tuning = Tuning.SEED;
    private double rateError;
    private double spikingError;
    private int nSteps;
    private double[] errorByStep;
    private long[][] confusion;
    private Map<String, Double> firingRateHz;
    private Map<String, Double> synopsPerImage;
    private long macsPerImage;
    private EnergyPerImage energyPerImageJoules;
    private EnergyModel energyModel;
    private double trainSeconds;
    private double trainImagesPerSecond;
    private double evalSeconds;
    private double evalImageStepsPerSecond;
    private double synapseTau;
    private String initialVoltage;
    private String neurons;
    private String sparkMaster;
    private Machine machine;

    private Builder() {}

    /** Sets {@code dataset}. */
    public Builder dataset(String value) {
      this.dataset = value;
      return this;
    }

    /** Sets {@code nTrain}. */
    public Builder nTrain(int value) {
      this.nTrain = value;
      return this;
    }

    /** Sets {@code nTest}. */
    public Builder nTest(int value) {
      this.nTest = value;
      return this;
    }

    /** Sets {@code epochs}. */
    public Builder epochs(int value) {
      this.epochs = value;
      return this;
    }

    /** Sets {@code workers}. */
    public Builder workers(int value) {
      this.workers = value;
      return this;
    }

    /** Sets {@code batchSizePerWorker}. */
    public Builder batchSizePerWorker(int value) {
      this.batchSizePerWorker = value;
      return this;
    }

    /** Sets {@code averagingFrequency}. */
    public Builder averagingFrequency(int value) {
      this.averagingFrequency = value;
      return this;
    }

    /** Sets {@code seed}. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Sets {@code trainingNoiseHz}. */
    public Builder trainingNoiseHz(double value) {
      this.trainingNoiseHz = value;
      return this;
    }

    /** Sets {@code tuning}. */
    public Builder tuning(Tuning value) {

      this.tuning = value;

      return this;
    }

    /** Sets {@code rateError}. */
    public Builder rateError(double value) {
      this.rateError = value;
      return this;
    }

    /** Sets {@code spikingError}. */
    public Builder spikingError(double value) {
      this.spikingError = value;
      return this;
    }

    /** Sets {@code nSteps}. */
    public Builder nSteps(int value) {
      this.nSteps = value;
      return this;
    }

    /** Sets {@code errorByStep}. */
    public Builder errorByStep(double[] value) {
      this.errorByStep = value;
      return this;
    }

    /** Sets {@code confusion}. */
    public Builder confusion(long[][] value) {
      this.confusion = value;
      return this;
    }

    /** Sets {@code firingRateHz}. */
    public Builder firingRateHz(Map<String, Double> value) {
      this.firingRateHz = value;
      return this;
    }

    /** Sets {@code synopsPerImage}. */
    public Builder synopsPerImage(Map<String, Double> value) {
      this.synopsPerImage = value;
      return this;
    }

    /** Sets {@code energyPerImageJoules}. */
    public Builder energyPerImageJoules(EnergyPerImage value) {
      this.energyPerImageJoules = value;
      return this;
    }

    /** Sets {@code energyModel}. */
    public Builder energyModel(EnergyModel value) {
      this.energyModel = value;
      return this;
    }

    /** Sets {@code macsPerImage}. */
    public Builder macsPerImage(long value) {
      this.macsPerImage = value;
      return this;
    }

    /** Sets {@code trainSeconds}. */
    public Builder trainSeconds(double value) {
      this.trainSeconds = value;
      return this;
    }

    /** Sets {@code trainImagesPerSecond}. */
    public Builder trainImagesPerSecond(double value) {
      this.trainImagesPerSecond = value;
      return this;
    }

    /** Sets {@code evalSeconds}. */
    public Builder evalSeconds(double value) {
      this.evalSeconds = value;
      return this;
    }

    /** Sets {@code evalImageStepsPerSecond}. */
    public Builder evalImageStepsPerSecond(double value) {
      this.evalImageStepsPerSecond = value;
      return this;
    }

    /** Sets {@code synapseTau}. */
    public Builder synapseTau(double value) {
      this.synapseTau = value;
      return this;
    }

    /** Sets {@code initialVoltage}. */
    public Builder initialVoltage(String value) {
      this.initialVoltage = value;
      return this;
    }

    /** Sets {@code neurons}. */
    public Builder neurons(String value) {
      this.neurons = value;
      return this;
    }

    /** Sets {@code sparkMaster}. */
    public Builder sparkMaster(String value) {
      this.sparkMaster = value;
      return this;
    }

    /** Sets {@code machine}. */
    public Builder machine(Machine value) {
      this.machine = value;
      return this;
    }

    /** The Report of the values set. */
    public Report build() {
      return new Report(
          dataset,
          nTrain,
          nTest,
          epochs,
          workers,
          batchSizePerWorker,
          averagingFrequency,
          seed,
          trainingNoiseHz,
          tuning,
          rateError,
          spikingError,
          nSteps,
          errorByStep,
          confusion,
          firingRateHz,
          synopsPerImage,
          macsPerImage,
          energyPerImageJoules,
          energyModel,
          trainSeconds,
          trainImagesPerSecond,
          evalSeconds,
          evalImageStepsPerSecond,
          synapseTau,
          initialVoltage,
          neurons,
          sparkMaster,
          machine);
    }
  }

  /** Puts a model's training record and a spiking evaluation together. */
  public static Report of(
      ModelMetadata model,
      double rateError,
      EvaluationStats stats,
      SimulationConfig config,
      double evalSeconds,
      String sparkMaster,
      Machine machine) {
    SnnArchitecture arch = model.architecture();
    Map<String, Double> rates = new LinkedHashMap<>();
    Map<String, Double> synops = new LinkedHashMap<>();
    List<String> layers = arch.neuronLayerNames();
    for (int l = 0; l < layers.size(); l++) {
      rates.put(layers.get(l), stats.meanRateHz(l, arch.neuronsPerImage()[l], config.dt()));
      synops.put(layers.get(l), stats.synapticEventsPerImage(l));
    }
    EnergyModel energy = EnergyModel.HOROWITZ_45NM;
    double[] spikingByStep =
        energy.spikingJoulesByStep(arch, stats.cumulativeSynapticEventsPerImage());
    EnergyPerImage perImage =
        new EnergyPerImage(
            spikingByStep[spikingByStep.length - 1], energy.rateJoules(arch), spikingByStep);
    return builder()
        .dataset(model.dataset())
        .nTrain(model.nTrain())
        .nTest((int) stats.images())
        .epochs(model.epochs())
        .workers(model.workers())
        .batchSizePerWorker(model.batchSizePerWorker())
        .averagingFrequency(model.averagingFrequency())
        .seed(model.seed())
        .trainingNoiseHz(model.trainingNoiseHz())
        .tuning(model.tuning())
        .rateError(rateError)
        .spikingError(stats.finalError())
        .nSteps(config.steps())
        .errorByStep(stats.errorByStep())
        .confusion(stats.confusion())
        .firingRateHz(rates)
        .synopsPerImage(synops)
        .macsPerImage(arch.macsPerImage())
        .energyPerImageJoules(perImage)
        .energyModel(energy)
        .trainSeconds(model.trainSeconds())
        .trainImagesPerSecond(model.trainImagesPerSecond())
        .evalSeconds(evalSeconds)
        .evalImageStepsPerSecond(stats.images() * config.steps() / evalSeconds)
        .synapseTau(config.synapseTau())
        .initialVoltage(config.initialVoltage().name().toLowerCase(Locale.ROOT))
        .neurons(config.neuronModel().name().toLowerCase(Locale.ROOT))
        .sparkMaster(sparkMaster)
        .machine(machine)
        .build();
  }

  /** The synapse between layers as people read it: "5 ms", or "none (the tutorial)". */
  String synapseLabel() {
    if (!(synapseTau > 0)) {
      return "none (the tutorial)";
    }
    return new BigDecimal(Double.toString(synapseTau * 1000)).stripTrailingZeros().toPlainString()
        + " ms";
  }

  /** The estimated energy per image, spiking (at the same marks as the error) and rate. */
  String energyLine() {
    EnergyPerImage e = energyPerImageJoules;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "energy/image   %s spiking at %d steps",
            microjoules(e.spiking()),
            nSteps));
    s.append(atMarks(m -> microjoules(e.spikingByStep()[m - 1])));
    s.append(
        String.format(Locale.ROOT, ", %s rate network (45 nm estimate)%n", microjoules(e.rate())));
    return s.toString();
  }

  /**
   * A figure at a third and two thirds of the steps, " (A at 10, B at 20)", as the console gives
   * errors and energies; nothing for runs of fewer than 3 steps.
   */
  private String atMarks(IntFunction<String> valueAtStep) {
    int[] marks = {nSteps / 3, 2 * nSteps / 3};
    if (marks[0] < 1) {
      return "";
    }
    StringJoiner joined = new StringJoiner(", ", "  (", ")");
    for (int m : marks) {
      joined.add(valueAtStep.apply(m) + " at " + m);
    }
    return joined.toString();
  }

  /** Joules as microjoules with two decimals. */
  static String microjoules(double joules) {
    return String.format(Locale.ROOT, "%.2f \u00b5J", joules * 1e6);
  }

  /** A few lines for the console: errors in percent, timings, energy. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT, "rate error     %6.2f%%  (%d test images)%n", 100 * rateError, nTest));
    s.append(
        String.format(
            Locale.ROOT, "spiking error  %6.2f%%  after %d steps", 100 * spikingError, nSteps));
    s.append(atMarks(m -> String.format(Locale.ROOT, "%.2f%%", 100 * errorByStep[m - 1])));
    if (synapseTau > 0) {
      s.append(", ").append(synapseLabel()).append(" synapse between layers");
    }
    s.append(System.lineSeparator());
    if (energyPerImageJoules != null) {
      s.append(energyLine());
    }
    s.append(
        String.format(
            Locale.ROOT,
            "training       %.0f s (%.0f images/s); spiking evaluation %.1f s (%.0f image-steps/s)%n",
            trainSeconds,
            trainImagesPerSecond,
            evalSeconds,
            evalImageStepsPerSecond));
    if (tuning.isTuned()) {
      s.append(
          String.format(Locale.ROOT, "tuned          %s, %d epochs%n", tuning.describe(), epochs));
    }
    return s.toString();
  }
}
