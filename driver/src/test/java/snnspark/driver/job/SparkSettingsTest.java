package snnspark.driver.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import snnspark.driver.io.UserException;

/**
 * A master Spark could not parse is the user's error before Spark starts. A local master's
 * broadcasts skip the copy remote executors would read, and cut small blocks; a cluster's keep
 * Spark's defaults, and a user's own setting wins everywhere.
 */
class SparkSettingsTest {
  @Test
  void mastersSparkParsesAreTaken() {
    for (String master :
        List.of(
            "local",
            "local[2]",
            "local[*]",
            "local[2,4]",
            "local[*, 3]",
            "local-cluster[2,1,1024]",
            "spark://host:7077",
            "yarn",
            "k8s://https://host:6443")) {
      assertEquals(master, new SparkSettings(master, null, null).master());
    }
  }

  @Test
  void mastersSparkCannotParseAreRefusedNamingTheSetting() {
    for (String master : List.of("local[0]", "local[x]", "localhost:7077", "host:7077", "")) {
      UserException refused =
          assertThrows(UserException.class, () -> new SparkSettings(master, null, null));
      assertTrue(refused.getMessage().startsWith("master must be local, local[N]"), master);
      assertTrue(refused.getMessage().endsWith("got '" + master + "'"), refused.getMessage());
    }
  }

  @Test
  void localBroadcastsWriteNoCompressedCopyAndSmallBlocks() {
    SparkConf conf = new SparkConf(false).setMaster("local[2]");

    SparkSettings.localBroadcasts(conf);

    assertEquals("false", conf.get("spark.broadcast.compress"));
    assertEquals("false", conf.get("spark.broadcast.checksum"));
    assertEquals("256k", conf.get("spark.broadcast.blockSize"));
  }

  @Test
  void aClusterKeepsSparksDefaults() {
    SparkConf conf = new SparkConf(false).setMaster("spark://master:7077");

    SparkSettings.localBroadcasts(conf);

    assertFalse(conf.contains("spark.broadcast.compress"));
    assertFalse(conf.contains("spark.broadcast.blockSize"));
  }

  @Test
  void theUsersOwnBlockSizeWins() {
    SparkConf conf =
        new SparkConf(false).setMaster("local[*]").set("spark.broadcast.blockSize", "1m");

    SparkSettings.localBroadcasts(conf);

    assertEquals("1m", conf.get("spark.broadcast.blockSize"));
  }
}
