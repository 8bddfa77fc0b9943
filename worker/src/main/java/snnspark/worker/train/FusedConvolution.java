package snnspark.worker.train;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import snnspark.worker.description.LayerSpec.Conv;
import snnspark.worker.description.LayerSpec.Padding;
import snnspark.worker.neuron.Seeds;
import snnspark.worker.neuron.SoftLifRate;

/**
 * The runtime of {@link FusedConvolutionLayer}: a convolution of any stride, valid or {@code same},
 * as im2col and one GEMM per image, with SoftLIF neurons evaluated in the same pass that adds the
 * bias.
 *
 * <p>Where DL4J's layer recomputes the forward pass inside backprop and calls {@code conv2d_bp},
 * this layer keeps what backprop needs from the training forward pass: the im2col matrix (so the
 * weight gradient is a GEMM against it) and the neurons' derivative (computed with their output, so
 * backprop through the neurons is one multiply). The first layer of a network returns no input
 * gradient: nothing upstream would use it, and the col2im is then skipped.
 *
 * <p>Layouts are chosen so that every GEMM reads contiguous memory: im2col writes {@code [N, C*k*k,
 * OH*OW]}, and per image {@code W [F, C*k*k]} times that slice is the NCHW output {@code [F,
 * OH*OW]} directly. For wide patches the GEMM runs transposed instead ({@code
 * PIXEL_MAJOR_FROM_PATCH}) and the neuron pass, which reads every value anyway, transposes as it
 * reads (and, where the patches are laid out on the input's rows, skips the pixels of no window);
 * no separate transposing copy either way.
 */
public class FusedConvolution extends ConvolutionLayer {
  private static final long serialVersionUID = 1L;

  /**
   * From this patch size ({@code C*k*k}) on, the forward and weight-gradient GEMMs are computed
   * transposed, pixel-major: with only 32 filters, OpenBLAS runs {@code cols^T x W^T} about 1.4x as
   * fast as {@code W x cols} for conv 2's 288-value patches (and the weight gradient 1.1x), but
   * slower for conv 1's 9. Each output is the same sum in the same order either way, so the bits do
   * not change (checked on this network: same losses, same trained coefficients).
   */
  private static final long PIXEL_MAJOR_FROM_PATCH = 64;

  private transient INDArray derivative;
  private transient INDArray preActivation;
  private transient INDArray cachedFor;
  private transient double[] meanOutputs;
  private transient Patches patches;

  /** Built by {@link FusedConvolutionLayer#instantiate}. */
  public FusedConvolution(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
    assertInputSet(false);
    applyDropOutIfNecessary(training, workspaces);
    INDArray x = Patches.contiguous(input.castTo(dataType));
    if (x.rank() != 4 || x.size(1) != layerConf().getNIn()) {
      throw new IllegalArgumentException(
          layerId() + ": expected NCHW input with " + layerConf().getNIn() + " channels");
    }
    Geometry g = new Geometry(x, layerConf());
    INDArray w =
        weights2d(getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaces));
    INDArray b = getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaces);
    INDArray out =
        workspaces.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.outputShape(), 'c');
    if (training) {
      derivative = null;
      preActivation = null;
      meanOutputs = null;
    }
    SoftLifActivation softLif = fusedNeurons();
    if (softLif == null) {
      forward(x, g, oneImagePatches(ArrayType.FF_WORKING_MEM, g, workspaces), false, w, out, null);
      out = applyActivation(out, b, g, training, workspaces);
    } else {
      fusedForward(x, g, w, b, out, softLif, training, workspaces);
    }
    if (training) {
      cachedFor = input;
    }
    return out;
  }

  /**
   * The forward pass with the fused SoftLIF neurons, each image's right after its product; in
   * training, keeps the derivative (and each image's mean output when the rate penalty is on).
   */
  private void fusedForward(
      INDArray x,
      Geometry g,
      INDArray w,
      INDArray b,
      INDArray out,
      SoftLifActivation softLif,
      boolean training,
      LayerWorkspaceMgr workspaces) {
    // Inference needs no derivative: the output-only kernel gives the same outputs, faster.
    INDArray deriv =
        training
            ? workspaces.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.outputShape(), 'c')
            : null;
    double[] means = training && softLif.rateRegularizer().isOn() ? new double[g.n] : null;
    INDArray cols;
    INDArray products = out;
    boolean onInputRows = false;
    if (g.patch() >= PIXEL_MAJOR_FROM_PATCH) {
      onInputRows = patches(g).sumsInputRows();
      long columns = onInputRows ? patches(g).inputRowsLength(x) : g.pixels();
      cols =
          workspaces.createUninitialized(
              ArrayType.FF_WORKING_MEM, dataType, new long[] {g.patch(), columns}, 'c');
      products =
          workspaces.createUninitialized(
              ArrayType.FF_WORKING_MEM, dataType, new long[] {columns, g.filters}, 'c');
    } else {
      cols = oneImagePatches(ArrayType.FF_WORKING_MEM, g, workspaces);
    }
    SpikeNoise noise = new SpikeNoise(fusedConf().getTrainingNoiseHz(), softLif.params());
    SoftLifPass pass =
        new SoftLifPass(
            new SoftLifRate(softLif.params()),
            products,
            out,
            b,
            deriv,
            noise,
            training && noise.isOn() ? noiseRandom() : null,
            means);
    forward(x, g, cols, onInputRows, w, products, pass);
    if (training) {
      derivative = deriv;
      meanOutputs = means;
    }
  }

  /** The training noise's draws for this step, layer and partition. */
  private SplittableRandom noiseRandom() {
    return Seeds.forTrainingStep(
        conf.getSeed(),
        getEpochCount(),
        getIterationCount(),
        getIndex(),
        TrainingPartition.current());
  }

  /**
   * A buffer for one image's patches. Forward and backprop cut each image's patches when they use
   * them, so they are still in cache: holding the whole batch's (66 MB for the tutorial's conv 2
   * and 100 images) sent them out to memory and back twice. The products are the same.
   */
  private INDArray oneImagePatches(ArrayType type, Geometry g, LayerWorkspaceMgr workspaces) {
    return workspaces.createUninitialized(type, dataType, g.columnShape(1), 'c');
  }

  /**
   * Computes each image's products {@code W x cols}: into {@code products [N, F, OH, OW]} (NCHW),
   * or, when {@code products} is one image's {@code [columns, F]}, pixel-major, {@code cols^T x
   * W^T}; then, when {@code pass} is not null, applies its neurons to the image's products while
   * they are still in cache. {@code onInputRows} lays the patches out on the input's rows ({@link
   * Patches#im2colOnInputRows}): 8% more product for the tutorial's conv 2, for an im2col several
   * times as fast. Each kept output is the same sum in the same order (the pixels are the product's
   * independent dimension), so the bits do not change ({@code GemmTest}).
   */
  private void forward(
      INDArray x,
      Geometry g,
      INDArray cols,
      boolean onInputRows,
      INDArray w,
      INDArray products,
      SoftLifPass pass) {
    boolean pixelMajor = products.rank() == 2;
    int columns = Math.toIntExact(pixelMajor ? products.size(0) : g.pixels());
    int patch = Math.toIntExact(g.patch());
    Gemm.Block weights = new Gemm.Operand(w).block(0, g.filters, patch);
    Gemm.Block patches = new Gemm.Operand(cols).block(0, patch, columns);
    Gemm.Operand outputs = new Gemm.Operand(products);
    for (int i = 0; i < g.n; i++) {
      if (onInputRows) {
        patches(g).im2colOnInputRows(x, i, cols);
      } else {
        patches(g).im2col(x, i, cols, 0);
      }
      if (pixelMajor) {
        Gemm.multiply(patches, true, weights, true, 0f, outputs.image(0, columns, g.filters));
      } else {
        Gemm.multiply(weights, false, patches, false, 0f, outputs.image(i, g.filters, columns));
      }
      if (pass != null) {
        pass.image(i);
      }
    }
  }

  /**
   * Adds the bias and applies neurons other than the fused SoftLIF to the convolution's output
   * {@code out}; in training, keeps the pre-activation for backprop.
   */
  private INDArray applyActivation(
      INDArray out, INDArray b, Geometry g, boolean training, LayerWorkspaceMgr workspaces) {
    INDArray out3 = out.reshape('c', g.n, g.filters, g.pixels());
    Nd4j.exec(new BroadcastAddOp(out3, b.reshape(g.filters), out3, 1));
    if (training) {
      preActivation = workspaces.dup(ArrayType.ACTIVATIONS, out, 'c');
    }
    return layerConf().getActivationFn().getActivation(out, training);
  }

  /** The SoftLIF neurons when the fused float32 kernel computes them, else null. */
  private SoftLifActivation fusedNeurons() {
    return layerConf().getActivationFn() instanceof SoftLifActivation softLif
            && dataType == DataType.FLOAT
        ? softLif
        : null;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
    assertInputSet(true);
    if (cachedFor != input) {
      throw new IllegalStateException(layerId() + ": backprop without a training forward pass");
    }
    Geometry g = new Geometry(input, layerConf());
    INDArray delta =
        derivative != null
            ? derivative.muli(meanOutputs == null ? epsilon : withRatePenalty(epsilon, g))
            : layerConf().getActivationFn().backprop(preActivation, epsilon).getFirst();
    INDArray delta3 = Patches.contiguous(delta.reshape('c', g.n, g.filters, g.pixels()));
    INDArray wGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    INDArray bGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
    weightGradient(delta3, weights2d(wGrad), g, workspaces);
    bGrad.assign(delta3.sum(0, 2).reshape(bGrad.shape()));
    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, bGrad);
    gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, wGrad, 'c');
    INDArray inputGradient = getIndex() > 0 ? inputGradient(delta3, g, workspaces) : null;
    weightNoiseParams.clear();
    derivative = null;
    preActivation = null;
    cachedFor = null;
    meanOutputs = null;
    return new Pair<>(gradient, inputGradient);
  }

  /** Writes the weight gradient {@code [F, C*k*k]}: every image's patches times its deltas. */
  private void weightGradient(
      INDArray delta3, INDArray wGrad2, Geometry g, LayerWorkspaceMgr workspaces) {
    INDArray x = Patches.contiguous(input.castTo(dataType));
    INDArray cols = oneImagePatches(ArrayType.BP_WORKING_MEM, g, workspaces);
    int pixels = Math.toIntExact(g.pixels());
    int patch = Math.toIntExact(g.patch());
    Gemm.Block patches = new Gemm.Operand(cols).block(0, patch, pixels);
    Gemm.Operand deltas = new Gemm.Operand(delta3);
    boolean pixelMajor = g.patch() >= PIXEL_MAJOR_FROM_PATCH;
    INDArray wGradT =
        pixelMajor
            ? workspaces.createUninitialized(
                ArrayType.BP_WORKING_MEM, dataType, new long[] {g.patch(), g.filters}, 'c')
            : null;
    Gemm.Block sum =
        pixelMajor
            ? new Gemm.Operand(wGradT).block(0, patch, g.filters)
            : new Gemm.Operand(wGrad2).block(0, g.filters, patch);
    for (int i = 0; i < g.n; i++) {
      patches(g).im2col(x, i, cols, 0);
      Gemm.Block delta = deltas.image(i, g.filters, pixels);
      float beta = i == 0 ? 0f : 1f;
      if (pixelMajor) {
        Gemm.multiply(patches, false, delta, true, beta, sum);
      } else {
        Gemm.multiply(delta, false, patches, true, beta, sum);
      }
    }
    if (pixelMajor) {
      wGrad2.assign(wGradT.transpose());
    }
  }

  /**
   * The gradient with respect to the input, one image's patch gradients at a time, summed onto the
   * input while still in cache: the whole batch's (66 MB for the tutorial's conv 2 and 100 images)
   * went out to memory, zeroed by OpenBLAS first, and came back. The same products and sums, so the
   * same bits. Where {@link Patches#sumsInputRows} allows, the products are laid out on the input's
   * rows (deltas widened with zeros), so that col2im sums whole runs: 8% more product for a col2im
   * several times as fast.
   */
  private INDArray inputGradient(INDArray delta3, Geometry g, LayerWorkspaceMgr workspaces) {
    INDArray w =
        weights2d(getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaces));
    INDArray inputGradient =
        workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
    Patches patches = patches(g);
    boolean inputRows = patches.sumsInputRows();
    int perFilter = inputRows ? patches.inputRowsLength(input) : Math.toIntExact(g.pixels());
    int patch = Math.toIntExact(g.patch());
    INDArray dcols = bpWorkingMemory(workspaces, g.patch(), perFilter);
    INDArray wide = inputRows ? bpWorkingMemory(workspaces, g.filters, perFilter) : null;
    Gemm.Block weights = new Gemm.Operand(w).block(0, g.filters, patch);
    Gemm.Block patchGradients = new Gemm.Operand(dcols).block(0, patch, perFilter);
    Gemm.Operand deltas = new Gemm.Operand(inputRows ? wide : delta3);
    for (int i = 0; i < g.n; i++) {
      if (inputRows) {
        patches.widenToInputRows(delta3, i, wide, input);
      }
      Gemm.Block delta = deltas.image(inputRows ? 0 : i, g.filters, perFilter);
      Gemm.multiply(weights, true, delta, false, 0f, patchGradients);
      if (inputRows) {
        patches.col2imFromInputRows(dcols, inputGradient, i);
      } else {
        patches.col2im(dcols, 0, inputGradient, i);
      }
    }
    return backpropDropOutIfPresent(inputGradient);
  }

  private INDArray bpWorkingMemory(LayerWorkspaceMgr workspaces, long rows, long cols) {
    return workspaces.createUninitialized(
        ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, cols}, 'c');
  }

  /** {@code epsilon} plus the rate penalty's gradient, one value per image. */
  private INDArray withRatePenalty(INDArray epsilon, Geometry g) {
    SoftLifActivation neurons = (SoftLifActivation) layerConf().getActivationFn();
    return neurons
        .rateRegularizer()
        .withPenalty(
            epsilon, meanOutputs, (long) g.filters * g.pixels(), neurons.params().amplitude());
  }

  @Override
  protected Pair<INDArray, INDArray> preOutput(
      boolean training, boolean forBackprop, LayerWorkspaceMgr workspaces) {
    throw new UnsupportedOperationException(
        layerId() + ": FusedConvolution computes its output only through activate()");
  }

  /** The weights {@code [F, C, k, k]} as the matrix {@code [F, C*k*k]}, without copying. */
  private static INDArray weights2d(INDArray w) {
    INDArray view = Shape.newShapeNoCopy(w, new long[] {w.size(0), w.length() / w.size(0)}, false);
    if (view == null) {
      throw new IllegalStateException("convolution weights are not contiguous in c order");
    }
    return view;
  }

  private Patches patches(Geometry g) {
    if (patches == null) {
      patches = new Patches(g.conv);
    }
    return patches;
  }

  private FusedConvolutionLayer fusedConf() {
    return (FusedConvolutionLayer) layerConf();
  }

  /** Sizes of one forward pass. */
  private static final class Geometry {
    final int n;
    final long channels;
    final long height;
    final long width;
    final Conv conv;
    final int kernel;
    final int filters;

    Geometry(INDArray x, org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf) {
      this.n = Math.toIntExact(x.size(0));
      this.channels = x.size(1);
      this.height = x.size(2);
      this.width = x.size(3);
      this.kernel = conf.getKernelSize()[0];
      this.filters = Math.toIntExact(conf.getNOut());
      boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
      this.conv =
          new Conv(filters, kernel, conf.getStride()[0], same ? Padding.SAME : Padding.VALID);
    }

    long outRows() {
      return conv.outputs(Math.toIntExact(height));
    }

    long outCols() {
      return conv.outputs(Math.toIntExact(width));
    }

    long pixels() {
      return outRows() * outCols();
    }

    long patch() {
      return channels * kernel * kernel;
    }

    /** The patches of {@code images} images. */
    long[] columnShape(int images) {
      return new long[] {images, channels, kernel, kernel, outRows(), outCols()};
    }

    long[] outputShape() {
      return new long[] {n, filters, outRows(), outCols()};
    }
  }
}
