package snnspark.worker.description;

import java.io.Serializable;

/**
 * A layer of a description sized for one input: what it gives and what it costs.
 *
 * @param index position in the description, from 1 (the output layer is one past the last)
 * @param name the name reports use: {@code conv1}, {@code dense}, {@code avgpool1}, {@code output}
 * @param spec the layer, or null for the implicit output layer
 * @param output its output shape (1x1xN after a dense layer)
 * @param parameters trainable weights and biases
 */
public record LayerShape(int index, String name, LayerSpec spec, InputShape output, long parameters)
    implements Serializable {

  /** Whether neurons follow the layer. */
  public boolean hasNeurons() {
    return spec != null && spec.hasNeurons();
  }

  /** The layer's type as the description writes it, {@code output} for the output layer. */
  public String type() {
    return spec == null ? "output" : spec.type();
  }
}
