package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnspark.datasets.MiniHdfs;
import snnspark.datasets.TestDatasets;
import snnspark.driver.io.HadoopFiles;
import snnspark.driver.io.Json;
import snnspark.driver.model.ModelStore;
import snnspark.driver.model.TrainedModel;
import snnspark.driver.train.TrainingCheckpoints;

/**
 * The whole job against a real HDFS: the dataset is read from hdfs://, and checkpoints, the model
 * and the report are written there and read back.
 */
class HdfsRunIT {
  @TempDir Path hdfsBase;

  @Test
  void runReadsAndWritesHdfs() throws Exception {
    try (MiniHdfs hdfs = new MiniHdfs(hdfsBase)) {
      String data = hdfs.copyFolder(TestDatasets.mnist(), "/data/mnist");
      String root = data.substring(0, data.indexOf("/data/mnist"));
      String out = root + "/runs/out";
      String checkpoints = root + "/runs/checkpoints";
      CliRunner.Result run =
          JobArgs.of("run")
              .data(data)
              .out(out)
              .checkpoints(checkpoints)
              .local()
              .trainImages(2000)
              .epochs(2)
              .testImages(200)
              .steps(10)
              .run();
      System.out.println(run.out() + run.err());
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertFalse(run.out().contains("fetching"), "an hdfs:// dataset was fetched locally");

      Configuration conf = hdfs.configuration();
      JsonNode report =
          HadoopFiles.read(out + "/report.json", conf, in -> Json.MAPPER.readTree(in));
      assertEquals(200, report.get("n_test").asInt());
      assertEquals(10, report.get("error_by_step").size());

      TrainedModel model = new ModelStore(conf).load(out + "/model.zip");
      assertEquals(2000, model.metadata().training().nTrain());
      assertEquals(report.get("rate_error").asDouble(), model.metadata().rateError(), 1e-12);

      var latest = new TrainingCheckpoints(checkpoints, conf).latest().orElseThrow();
      assertEquals(2, latest.progress().epoch());
      assertEquals(model.network().params(), latest.network().params());
      assertTrue(HadoopFiles.list(checkpoints, conf).contains("epoch-0001.zip"));
      assertTrue(HadoopFiles.list(checkpoints, conf).contains("_SUCCESS"), "checkpoints");
      assertTrue(HadoopFiles.list(out, conf).contains("_SUCCESS"), "model and report");
    }
  }
}
