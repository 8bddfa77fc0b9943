package snnspark.driver.train;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.io.OutputFolder;
import snnspark.driver.io.OutputMode;
import snnspark.driver.io.Sha256;
import snnspark.driver.io.UserException;
import snnspark.driver.model.Dl4jModelFiles;
import snnspark.driver.model.Dl4jModelFiles.RecordedDigest;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.NetworkJson;
import snnspark.driver.model.TrainingRun;
import snnspark.worker.description.NetworkDescription;

/**
 * The checkpoints of one training run in a folder (any Hadoop URI): after epoch N, {@code
 * epoch-000N.zip} (the network with its AdaDelta state, iteration and epoch counters, which with
 * the seed fix every later dropout mask and data split) and then {@code epoch-000N.json} (the
 * progress so far and the zip's SHA-256, checked when the zip is read). Each is written under a
 * temporary name and renamed, and the JSON comes last, so it marks a complete checkpoint: a driver
 * killed mid-write leaves at most a hidden temporary file, which {@link #latest} never picks.
 */
public final class TrainingCheckpoints {
  /** INFO reaches the console only with --verbose. */
  private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoints.class);

  /** A checkpoint's record; an epoch number of more digits than an int holds is no checkpoint. */
  private static final Pattern MARK = Pattern.compile("epoch-(\\d{1,9})\\.json");

  private final String dir;
  private final Configuration conf;

  /** Checkpoints in folder {@code dir}. */
  public TrainingCheckpoints(String dir, Configuration conf) {
    this.dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    this.conf = conf;
  }

  /**
   * What a checkpoint records besides the network.
   *
   * @param formatVersion layout of this record: 2 since the run's minibatch is recorded per worker
   *     (1 recorded {@code batch_size}, the global one)
   * @param epoch epochs completed
   * @param run the run so far (written flat among these keys)
   * @param fitSeconds time spent fitting so far
   * @param zipSha256 the SHA-256 of the checkpoint's zip, checked when it is read (null in
   *     checkpoints from before it was recorded: those load unchecked)
   * @param network the trained network's description as JSON (null in checkpoints from before
   *     descriptions: the tutorial's)
   */
  public record Progress(
      int formatVersion,
      int epoch,
      @JsonUnwrapped TrainingRun run,
      double fitSeconds,
      String zipSha256,
      String network) {
    /** Refuses a digest that is not one. */
    public Progress {
      Objects.requireNonNull(run, "run");
      Sha256.checkNullable("zip_sha256", zipSha256);
    }

    /** The progress after {@code epoch} epochs of {@code run} on the network {@code network}. */
    public Progress(int epoch, TrainingRun run, double fitSeconds, NetworkDescription network) {
      this(FORMAT_VERSION, epoch, run, fitSeconds, null, NetworkJson.format(network));
    }

    /** The same progress recording the SHA-256 of its checkpoint's zip. */
    Progress withZipSha256(String sha256) {
      return new Progress(formatVersion, epoch, run, fitSeconds, sha256, network);
    }

    static final int FORMAT_VERSION = 2;

    /** The network this checkpoint trains; a description it cannot read names {@code where}. */
    NetworkDescription description(String where) {
      return network == null
          ? NetworkDescription.TUTORIAL
          : NetworkJson.parse(network, where + " (its network)");
    }

    /**
     * Fails unless this is the record of epoch {@code fileEpoch}, as its file is named, with one
     * loss and one rate error for each epoch: a resumed run continues its history and averages its
     * epochs' parameters by these numbers.
     */
    void checkIsEpoch(int fileEpoch, String where) {
      List<Double> losses = run.lossByEpoch();
      List<Double> errors = run.rateErrorByEpoch();
      if (epoch != fileEpoch
          || losses == null
          || losses.size() != epoch
          || errors == null
          || errors.size() != epoch) {
        throw new UserException(
            String.format(
                Locale.ROOT,
                "%s: not a checkpoint of epoch %d: it records epoch %d, %d losses and %d rate"
                    + " errors",
                where,
                fileEpoch,
                epoch,
                losses == null ? 0 : losses.size(),
                errors == null ? 0 : errors.size()));
      }
    }

    /** Fails unless a run with these settings may continue from this checkpoint. */
    void checkResumableBy(TrainSettings settings, int nTrain, int workers, String where) {
      if (epoch > settings.epochs()) {
        // Its history and the mean of its last epochs would be saved as a shorter run's.
        throw UserException.aboutSettings(
            String.format(
                Locale.ROOT,
                "%s: checkpoint after epoch %d, more than {epochs} %d; resume with {epochs} %d or"
                    + " more, or use another {checkpointDir}",
                where,
                epoch,
                settings.epochs(),
                epoch));
      }
      boolean same =
          run.nTrain() == nTrain
              && run.workers() == workers
              && run.batchSizePerWorker() == settings.batchSizePerWorker(workers)
              && run.averagingFrequency() == settings.averagingFrequency()
              && run.seed() == settings.seed()
              && run.trainingNoiseHz() == settings.trainingNoiseHz()
              && run.tuning().equals(settings.tuning())
              && description(where).equals(settings.network());
      if (!same) {
        throw UserException.aboutSettings(
            String.format(
                Locale.ROOT,
                "%s: checkpoint of another run (%d images, %d workers, batch %d per worker,"
                    + " averaging %d, seed %d, training noise %s Hz, %s, network %s); resume with"
                    + " the same settings or use another {checkpointDir}",
                where,
                run.nTrain(),
                run.workers(),
                run.batchSizePerWorker(),
                run.averagingFrequency(),
                run.seed(),
                run.trainingNoiseHz(),
                run.tuning(),
                NetworkJson.format(description(where))));
      }
    }

    /**
     * The tree of a format-1 checkpoint as format 2 writes it: its global {@code batch_size} split
     * among its workers as training split it. A later format's tree is left to the strict reader.
     */
    static void upgrade(ObjectNode tree) {
      if (tree.path("format_version").asInt() >= 2) {
        return;
      }
      JsonNode global = tree.remove("batch_size");
      int workers = tree.path("workers").asInt();
      if (global != null && workers > 0) {
        tree.put("batch_size_per_worker", global.asInt() / workers);
      }
      tree.put("format_version", 2);
    }
  }

  /** A restored checkpoint. */
  public record Checkpoint(MultiLayerNetwork network, Progress progress, String uri) {}

  /** Fails unless checkpoints can be written into the folder (before any training starts). */
  public void checkWritable() {
    OutputFolder.checkFiles(dir, List.of(), OutputMode.OVERWRITE, conf);
  }

  /** Marks the folder incomplete while training writes into it. */
  void begin() {
    OutputFolder.beginFiles(dir, List.of(), OutputMode.OVERWRITE, conf);
  }

  /** Marks the folder complete ({@code _SUCCESS}) once the last epoch's checkpoint is in. */
  void complete() {
    OutputFolder.beginFiles(dir, List.of(), OutputMode.OVERWRITE, conf).commit();
  }

  /**
   * Writes the checkpoint after epoch {@code progress.epoch()}: the zip, then the JSON recording
   * its SHA-256.
   */
  void save(MultiLayerNetwork network, Progress progress) {
    String base = dir + "/" + name(progress.epoch());
    byte[] zip = ModelStore.zipBytes(network);
    HadoopFiles.writeAtomically(base + ".zip", conf, out -> out.write(zip));
    Progress recorded = progress.withZipSha256(Sha256.of(zip));
    HadoopFiles.writeAtomically(
        base + ".json", conf, out -> out.write(Json.MAPPER.writeValueAsBytes(recorded)));
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Checkpoint> latest() {
    int newest = -1;
    for (String file : HadoopFiles.list(dir, conf)) {
      Matcher m = MARK.matcher(file);
      if (m.matches()) {
        newest = Math.max(newest, Integer.parseInt(m.group(1)));
      }
    }
    if (newest < 0) {
      return Optional.empty();
    }
    Progress progress = progress(newest);
    String zip = dir + "/" + name(newest) + ".zip";
    return Optional.of(new Checkpoint(network(newest, progress), progress, zip));
  }

  /**
   * The parameters after {@code epoch}, from its checkpoint: a resumed run averaging its last
   * epochs needs those it has already trained.
   */
  INDArray parameters(int epoch) {
    String zip = dir + "/" + name(epoch) + ".zip";
    if (!HadoopFiles.exists(zip, conf)) {
      throw new UserException(
          zip + ": missing, but resuming needs it for the mean of the last epochs' parameters");
    }
    boolean complete = HadoopFiles.exists(dir + "/" + name(epoch) + ".json", conf);
    return network(epoch, complete ? progress(epoch) : null).params();
  }

  private Progress progress(int epoch) {
    String json = dir + "/" + name(epoch) + ".json";
    return HadoopFiles.read(
        json,
        conf,
        in -> {
          try {
            JsonNode tree = Json.MAPPER.readTree(in);
            if (tree instanceof ObjectNode object) {
              Progress.upgrade(object);
            }
            Progress progress = Json.readFlat(tree, Progress.class);
            progress.checkIsEpoch(epoch, json);
            return progress;
          } catch (IOException e) {
            throw new UserException(
                json + ": not an snn-spark checkpoint: " + UserException.reason(e));
          }
        });
  }

  /**
   * The network of {@code epoch}'s checkpoint, checked against the digest {@code progress} holds.
   */
  private MultiLayerNetwork network(int epoch, Progress progress) {
    String zip = dir + "/" + name(epoch) + ".zip";
    RecordedDigest digest = null;
    if (progress == null || progress.zipSha256() == null) {
      LOG.info("{}: no SHA-256 recorded (an older checkpoint); loads unchecked", zip);
    } else {
      digest = new RecordedDigest(progress.zipSha256(), name(epoch) + ".json");
    }
    return Dl4jModelFiles.read(zip, conf, "unreadable checkpoint", digest);
  }

  private static String name(int epoch) {
    return String.format(Locale.ROOT, "epoch-%04d", epoch);
  }
}
