package snnspark.driver.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import snnspark.driver.io.Sha256;
import snnspark.worker.InputStandardization;
import snnspark.worker.SnnArchitecture;

/**
 * What is saved beside a trained model ({@code model.json} next to {@code model.zip}): the
 * architecture it belongs to and how it was trained, so {@code evaluate} can check it and report
 * the run.
 *
 * @param formatVersion version of this file's layout
 * @param architecture the network (its description, image shape and classes), neuron parameters
 *     included
 * @param classNames the name of each class, in the order of the network's outputs ("0".."k-1" for
 *     labels that are class indices, and in models from before names were recorded)
 * @param training how it was trained (written flat among these keys)
 * @param inputStandardization the training set's per-channel mean and deviation the network was
 *     trained on, already folded into its first layer (so it takes images as they come); null when
 *     it trained on raw pixels
 * @param rateError error of the rate network on the test set ({@code n_test} images)
 * @param nTest test images the rate error was measured on
 * @param parametersSha256 the SHA-256 of the parameters ({@link ParameterDigest}), to compare runs
 *     (null in models from before digests were recorded)
 * @param zipSha256 the SHA-256 of the model zip's bytes as written, checked on every load (null in
 *     models from before digests were recorded: those load unchecked)
 * @param machine the training's driver and the OpenBLAS kernel of each of its JVMs, which decide
 *     the parameters' bits (null in models from before it was recorded)
 */
// "network": models written for a few hours (f6a9f00) repeated the description at the top level.
@JsonIgnoreProperties("network")
public record ModelMetadata(
    int formatVersion,
    @JsonSerialize(using = ArchitectureJson.Writer.class)
        @JsonDeserialize(using = ArchitectureJson.Reader.class)
        SnnArchitecture architecture,
    List<String> classNames,
    @JsonUnwrapped TrainingRun training,
    InputStandardization inputStandardization,
    double rateError,
    int nTest,
    String parametersSha256,
    String zipSha256,
    Machine machine) {
  /**
   * Names the classes of models from before names were recorded; refuses a digest that is not one.
   */
  public ModelMetadata {
    Objects.requireNonNull(training, "training");
    if (classNames == null && architecture != null) {
      classNames = indexNames(architecture.classes());
    }
    if (classNames != null) {
      classNames = List.copyOf(classNames);
      if (architecture != null && classNames.size() != architecture.classes()) {
        throw new IllegalArgumentException(
            "class_names lists "
                + classNames.size()
                + " names for the architecture's "
                + architecture.classes()
                + " classes");
      }
    }
    if (training.tuning().standardizeInput() != (inputStandardization != null)) {
      throw new IllegalArgumentException(
          "input_standardization must be given exactly when tuning.standardize_input is true");
    }
    if (inputStandardization != null
        && architecture != null
        && inputStandardization.channels() != architecture.channels()) {
      throw new IllegalArgumentException(
          "input_standardization has "
              + inputStandardization.channels()
              + " channels, the images "
              + architecture.channels());
    }
    Sha256.checkNullable("parameters_sha256", parametersSha256);
    Sha256.checkNullable("zip_sha256", zipSha256);
  }

  /** "0", "1", ... "classes-1": the names of classes whose labels are their indices. */
  public static List<String> indexNames(int classes) {
    return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
  }

  /** The same metadata recording where the model was trained. */
  public ModelMetadata withMachine(Machine where) {
    return toBuilder().machine(where).build();
  }

  /** The same metadata naming the classes {@code names}, in the order of the outputs. */
  public ModelMetadata withClassNames(List<String> names) {
    return toBuilder().classNames(names).build();
  }

  /** The same metadata recording these digests of the model it describes. */
  public ModelMetadata withDigests(String parameters, String zip) {
    return toBuilder().parametersSha256(parameters).zipSha256(zip).build();
  }

  /** A builder, so each value is named where it is set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ModelMetadata}; every value not set is 0, null or as the field's doc says. */
  public static final class Builder {
    private int formatVersion = FORMAT_VERSION;
    private SnnArchitecture architecture;
    private List<String> classNames;
    private TrainingRun training = TrainingRun.builder().build();
    private InputStandardization inputStandardization;
    private double rateError;
    private int nTest;
    private String parametersSha256;
    private String zipSha256;
    private Machine machine;

    private Builder() {}

    /** Sets {@code formatVersion}. */
    public Builder formatVersion(int value) {
      this.formatVersion = value;
      return this;
    }

    /** Sets {@code architecture}. */
    public Builder architecture(SnnArchitecture value) {
      this.architecture = value;
      return this;
    }

    /** Sets {@code classNames}. */
    public Builder classNames(List<String> value) {
      this.classNames = value;
      return this;
    }

    /** Sets {@code training}. */
    public Builder training(TrainingRun value) {
      this.training = value;
      return this;
    }

    /** Sets {@code inputStandardization}. */
    public Builder inputStandardization(InputStandardization value) {
      this.inputStandardization = value;
      return this;
    }

    /** Sets {@code rateError}. */
    public Builder rateError(double value) {
      this.rateError = value;
      return this;
    }

    /** Sets {@code nTest}. */
    public Builder nTest(int value) {
      this.nTest = value;
      return this;
    }

    /** Sets {@code parametersSha256}. */
    public Builder parametersSha256(String value) {
      this.parametersSha256 = value;
      return this;
    }

    /** Sets {@code zipSha256}. */
    public Builder zipSha256(String value) {
      this.zipSha256 = value;
      return this;
    }

    /** Sets {@code machine}. */
    public Builder machine(Machine value) {
      this.machine = value;
      return this;
    }

    /** The ModelMetadata of the values set. */
    public ModelMetadata build() {
      return new ModelMetadata(
          formatVersion,
          architecture,
          classNames,
          training,
          inputStandardization,
          rateError,
          nTest,
          parametersSha256,
          zipSha256,
          machine);
    }
  }

  /** A builder holding these values. */
  private Builder toBuilder() {
    return builder()
        .formatVersion(formatVersion)
        .architecture(architecture)
        .classNames(classNames)
        .training(training)
        .inputStandardization(inputStandardization)
        .rateError(rateError)
        .nTest(nTest)
        .parametersSha256(parametersSha256)
        .zipSha256(zipSha256)
        .machine(machine);
  }

  /**
   * The layout this code writes and reads. Keys added since (tuning, its averaged_epochs, the
   * digests) are optional: files without them still read, as their defaults say, so the version
   * stays.
   */
  public static final int FORMAT_VERSION = 1;

  /** Test images the per-epoch rate error is measured on: enough for a curve, cheap per epoch. */
  public static final int EPOCH_ERROR_IMAGES = 1000;
}
