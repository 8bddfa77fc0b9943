package snnspark.driver.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import snnspark.driver.model.Machine;
import snnspark.driver.model.ModelMetadata;
import snnspark.driver.model.TrainingRun;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.neuron.Decimals;
import snnspark.worker.sim.EvaluationStats;
import snnspark.worker.sim.SimulationConfig;

/**
 * The result of a run as {@code report.json} writes it (snake_case keys). Errors are fractions.
 *
 * @param training how the model was trained (written flat among these keys)
 * @param nTest test images
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
    @JsonUnwrapped TrainingRun training,
    int nTest,
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
    double evalSeconds,
    double evalImageStepsPerSecond,
    double synapseTau,
    String initialVoltage,
    String neurons,
    String sparkMaster,
    Machine machine) {
  /** The report's name in a report folder. */
  public static final String FILE = "report.json";

  /**
   * Estimated energy of one image ({@link EnergyModel}), in joules.
   *
   * @param spiking the spiking network shown for all the report's steps
   * @param rate one forward pass of the rate network
   * @param spikingByStep the spiking network shown for 1, 2, ... steps
   */
  public record EnergyPerImage(double spiking, double rate, double[] spikingByStep) {}

  /** Refuses a report without its training run. */
  public Report {
    Objects.requireNonNull(training, "training");
  }

  /** A builder, so every value is named where it is set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Report}; every value not set is 0, null or as the field's doc says. */
  public static final class Builder {
    private TrainingRun training = TrainingRun.builder().build();
    private int nTest;
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
    private double evalSeconds;
    private double evalImageStepsPerSecond;
    private double synapseTau;
    private String initialVoltage;
    private String neurons;
    private String sparkMaster;
    private Machine machine;

    private Builder() {}

    /** Sets {@code training}. */
    public Builder training(TrainingRun value) {
      this.training = value;
      return this;
    }

    /** Sets {@code nTest}. */
    public Builder nTest(int value) {
      this.nTest = value;
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
          training,
          nTest,
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
        .training(model.training())
        .nTest((int) stats.images())
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
    return Decimals.shortest(synapseTau * 1000) + " ms";
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
            training.trainSeconds(),
            training.trainImagesPerSecond(),
            evalSeconds,
            evalImageStepsPerSecond));
    if (training.tuning().isTuned()) {
      s.append(
          String.format(
              Locale.ROOT,
              "tuned          %s, %d epochs%n",
              training.tuning().describe(),
              training.epochs()));
    }
    return s.toString();
  }
}
