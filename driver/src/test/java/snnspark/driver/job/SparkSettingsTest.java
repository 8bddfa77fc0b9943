package snnspark.driver.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * A local master's broadcasts skip the copy remote executors would read, and cut small blocks; a
 * cluster's keep Spark's defaults, and a user's own setting wins everywhere.
 */
class SparkSettingsTest {
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
