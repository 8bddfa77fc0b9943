import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import snnspark.datasets.Dataset;
import snnspark.datasets.DatasetLoader;
import snnspark.datasets.Split;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.worker.SnnArchitecture;
import snnspark.worker.sim.EventDrivenNetwork;
import snnspark.worker.sim.ImageBatch;
import snnspark.worker.sim.SimulationConfig;
import snnspark.worker.sim.SpikingResult;

/**
 * One checkout's event-driven simulator on the first test images, compiled against that checkout
 * and loaded by its own class loader (see CompareSimulators). Each call simulates them all, in
 * batches of 100 for 30 steps, and returns a checksum of the predictions and spike counts.
 */
public class SimulatorRun implements LongSupplier {
  private final SnnArchitecture arch;
  private final EventDrivenNetwork network;
  private final Dataset test;
  private final int images;
  private final SimulationConfig config = SimulationConfig.tutorial(30);

  public SimulatorRun(String model, String data, int images) {
    TrainedModel trained = new ModelStore(new Configuration()).load(model);
    this.arch = trained.metadata().architecture();
    this.network = new EventDrivenNetwork(arch, trained.network().params());
    this.test = new DatasetLoader().load(data, Split.TEST);
    this.images = images;
  }

  @Override
  public long getAsLong() {
    long check = 0;
    for (int from = 0; from < images; from += 100) {
      ImageBatch batch = ImageBatch.of(test.slice(from, Math.min(from + 100, images)));
      SpikingResult result = network.run(batch, config);
      for (int i = 0; i < result.images(); i++) {
        check = check * 31 + result.finalPrediction(i);
        for (int l = 0; l < arch.neuronsPerImage().length; l++) {
          check = check * 31 + result.counts().imageSpikes(i, l);
        }
      }
    }
    return check;
  }
}
