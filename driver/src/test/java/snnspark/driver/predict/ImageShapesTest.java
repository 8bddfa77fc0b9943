package snnspark.driver.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import snnspark.datasets.DatasetException;
import snnspark.datasets.SharedSparkContext;
import snnspark.worker.description.InputShape;

/** A table of Spark image structs takes the first image's shape, or says it has none. */
class ImageShapesTest extends SharedSparkContext {
  private static Dataset<Row> images(int height, int width, int channels) {
    SparkSession spark = SparkSession.builder().sparkContext(sc().sc()).getOrCreate();
    Row image = RowFactory.create("file:/a.png", height, width, channels, 16, new byte[] {1, 2, 3});
    return spark.createDataFrame(
        List.of(RowFactory.create(image)),
        new StructType().add("image", ImageSchema.columnSchema()));
  }

  @Test
  void theFirstImageGivesTheShape() {
    assertEquals(
        new InputShape(1, 1, 3), ImageShapes.shapeOf("images.parquet", images(1, 1, 3), "image"));
  }

  @Test
  void anUndecodedImageIsTheTablesError() {
    // Spark's image source marks a file it could not decode with height and width -1.
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> ImageShapes.shapeOf("images.parquet", images(-1, -1, -1), "image"));
    assertTrue(
        e.getMessage()
            .startsWith("images.parquet: column image: its first image is not a decoded image: "),
        e.getMessage());
  }
}
