package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;
import snnspark.worker.spark.PixelSource;

/** An image column's type decides how its rows are read, checked once on the driver. */
class ImageColumnsTest {
  @Test
  void sparksImageStructIsReadAsOne() {
    StructField column = new StructField("image", ImageSchema.columnSchema(), true, null);
    assertEquals(PixelSource.Kind.SPARK_IMAGE, ImageColumns.kind("t.parquet", column));
  }

  /** pandas and pyarrow write the sizes as int64: refused once, not on every row. */
  @Test
  void aLookAlikeStructOfOtherTypesIsRefused() {
    StructType longs =
        new StructType()
            .add("height", DataTypes.LongType)
            .add("width", DataTypes.LongType)
            .add("nChannels", DataTypes.LongType)
            .add("data", DataTypes.BinaryType);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> ImageColumns.kind("t.parquet", new StructField("image", longs, true, null)));
    assertEquals(
        "t.parquet: column image is struct<height:bigint,width:bigint,nChannels:bigint,"
            + "data:binary>; Spark's image struct has int height, width and nChannels and binary"
            + " data",
        e.getMessage());
  }
}
