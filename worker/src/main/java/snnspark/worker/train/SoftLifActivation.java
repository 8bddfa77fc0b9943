package snnspark.worker.train;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import snnspark.worker.neuron.NeuronParams;
import snnspark.worker.neuron.SoftLifRate;

/**
 * SoftLIF neurons as a DL4J activation: {@code SoftLIFRate(gain * u + bias)} with its exact
 * derivative, in float32 or float64 as the input is (see {@link SoftLifRate} for the formulas).
 *
 * <p>Serialised by DL4J's JSON (the neuron parameters are its properties), so a saved model reloads
 * with the same neurons. Gain and bias are fixed, not trained, as in the tutorial.
 */
public class SoftLifActivation extends BaseActivationFunction {
  private static final long serialVersionUID = 1L;

  @JsonProperty private double tauRc;
  @JsonProperty private double tauRef;
  @JsonProperty private double amplitude;
  @JsonProperty private double sigma;
  @JsonProperty private double maxRate;
  @JsonProperty private double intercept;
  @JsonProperty private double rateTargetHz;
  @JsonProperty private double rateWeight;

  @JsonIgnore private transient SoftLifRate rate;

  /** For JSON deserialisation only. */
  public SoftLifActivation() {
    this(NeuronParams.TUTORIAL);
  }

  /** SoftLIF neurons with {@code params}, trained without rate regularisation. */
  public SoftLifActivation(NeuronParams params) {
    this(params, RateRegularizer.NONE);
  }

  /** SoftLIF neurons with {@code params} whose training adds the penalty {@code rates}. */
  public SoftLifActivation(NeuronParams params, RateRegularizer rates) {
    this.rateTargetHz = rates.targetHz();
    this.rateWeight = rates.weight();
    this.tauRc = params.tauRc();
    this.tauRef = params.tauRef();
    this.amplitude = params.amplitude();
    this.sigma = params.sigma();
    this.maxRate = params.maxRate();
    this.intercept = params.intercept();
  }

  /** The neuron parameters. */
  @JsonIgnore
  public NeuronParams params() {
    return new NeuronParams(tauRc, tauRef, amplitude, sigma, maxRate, intercept);
  }

  /** The rate regularisation applied while training ({@link RateRegularizer#NONE}: none). */
  @JsonIgnore
  public RateRegularizer rateRegularizer() {
    return new RateRegularizer(rateTargetHz, rateWeight);
  }

  private SoftLifRate rate() {
    if (rate == null) {
      rate = new SoftLifRate(params());
    }
    return rate;
  }

  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    SoftLifRate f = rate();
    if (in.dataType() == DataType.DOUBLE) {
      double[] x = in.dup('c').data().asDouble();
      for (int i = 0; i < x.length; i++) {
        x[i] = f.output(x[i]);
      }
      return in.assign(Nd4j.create(x, in.shape(), 'c'));
    }
    float[] x = in.dup('c').data().asFloat();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) f.output(x[i]);
    }
    return in.assign(Nd4j.create(x, in.shape(), 'c'));
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    SoftLifRate f = rate();
    INDArray derivative;
    if (in.dataType() == DataType.DOUBLE) {
      double[] x = in.dup('c').data().asDouble();
      for (int i = 0; i < x.length; i++) {
        x[i] = f.derivative(x[i]);
      }
      derivative = Nd4j.create(x, in.shape(), 'c');
    } else {
      float[] x = in.dup('c').data().asFloat();
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) f.derivative(x[i]);
      }
      derivative = Nd4j.create(x, in.shape(), 'c');
    }
    INDArray gradient = rateWeight > 0 ? withRatePenalty(in, epsilon) : epsilon;
    return new Pair<>(in.assign(derivative.muli(gradient)), null);
  }

  /**
   * {@code epsilon} plus the rate penalty's gradient, one value per image (the first dimension of
   * {@code in}) for all its neurons.
   */
  private INDArray withRatePenalty(INDArray in, INDArray epsilon) {
    SoftLifRate f = rate();
    int images = Math.toIntExact(in.size(0));
    long neurons = in.length() / images;
    double[] x = in.dup('c').data().asDouble();
    double[] means = new double[images];
    for (int i = 0; i < images; i++) {
      double sum = 0;
      for (long k = i * neurons; k < (i + 1) * neurons; k++) {
        sum += f.output(x[(int) k]);
      }
      means[i] = sum / neurons;
    }
    return rateRegularizer().withPenalty(epsilon, means, neurons, amplitude);
  }

  /**
   * Same neurons: the rate regularisation is how they were trained, not what they compute, so a
   * model reloads and checks against its architecture whatever it was trained with.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SoftLifActivation a && params().equals(a.params());
  }

  @Override
  public int hashCode() {
    return Objects.hash(tauRc, tauRef, amplitude, sigma, maxRate, intercept);
  }

  @Override
  public String toString() {
    return "SoftLIF" + params();
  }
}
