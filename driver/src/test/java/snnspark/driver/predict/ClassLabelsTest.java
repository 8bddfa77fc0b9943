package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import snnspark.datasets.SharedSparkContext;

/** Integer labels are class indices as they are; none wraps into a class it is not. */
class ClassLabelsTest extends SharedSparkContext {
  @Test
  void aLongBeyondIntIsNoClass() {
    SparkSession spark = SparkSession.builder().sparkContext(sc().sc()).getOrCreate();
    Dataset<Row> raw =
        spark.createDataFrame(
            Arrays.asList(
                RowFactory.create(2L),
                RowFactory.create(4_294_967_297L),
                RowFactory.create(-4_294_967_297L),
                RowFactory.create((Object) null)),
            new StructType().add("label", DataTypes.LongType));
    List<Row> indices =
        raw.select(ClassLabels.indices("t.parquet", raw, "label", List.of())).collectAsList();
    assertEquals(2, indices.get(0).getInt(0));
    assertEquals(Integer.MAX_VALUE, indices.get(1).getInt(0)); // a cast alone gives 1
    assertEquals(Integer.MAX_VALUE, indices.get(2).getInt(0));
    assertTrue(indices.get(3).isNullAt(0));
  }

  @Test
  void messagesSayTheIndexMayStandForALargerLabel() {
    assertEquals("label 7", ClassLabels.named(7));
    assertEquals("label 2147483647 or more", ClassLabels.named(Integer.MAX_VALUE));
  }
}
