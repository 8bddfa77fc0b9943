package snnspark.driver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Holds the driver's packages to what their package-info says they may use. */
class DriverLayeringTest {
  private static final JavaClasses DRIVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("snnspark");

  @Test
  void packagesDependOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("entry")
        .definedBy("snnspark.driver")
        .layer("cli")
        .definedBy("snnspark.driver.cli..")
        .layer("bench")
        .definedBy("snnspark.driver.bench..")
        .layer("job")
        .definedBy("snnspark.driver.job..")
        .layer("ml")
        .definedBy("snnspark.driver.ml..")
        .layer("predict")
        .definedBy("snnspark.driver.predict..")
        .layer("train")
        .definedBy("snnspark.driver.train..")
        .layer("evaluate")
        .definedBy("snnspark.driver.evaluate..")
        .layer("report")
        .definedBy("snnspark.driver.report..")
        .layer("model")
        .definedBy("snnspark.driver.model..")
        .layer("io")
        .definedBy("snnspark.driver.io..")
        .layer("worker")
        .definedBy("snnspark.worker..")
        .layer("datasets")
        .definedBy("snnspark.datasets..")
        .whereLayer("entry")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("cli")
        .mayOnlyBeAccessedByLayers("entry")
        .whereLayer("bench")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("job")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("ml")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("predict")
        .mayOnlyBeAccessedByLayers("ml", "job", "cli")
        .whereLayer("train")
        .mayOnlyBeAccessedByLayers("ml", "job", "bench", "cli")
        .whereLayer("evaluate")
        .mayOnlyBeAccessedByLayers("job", "bench", "cli")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("job", "cli")
        .whereLayer("model")
        .mayOnlyBeAccessedByLayers("ml", "train", "report", "job", "bench", "cli")
        .whereLayer("io")
        .mayOnlyBeAccessedByLayers(
            "ml", "model", "report", "predict", "train", "evaluate", "job", "bench", "cli")
        .whereLayer("worker")
        .mayOnlyBeAccessedByLayers(
            "io", "ml", "model", "report", "predict", "train", "evaluate", "job", "bench", "cli")
        .check(DRIVER);
  }

  @Test
  void onlyTheCommandLineKnowsPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("snnspark.driver.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(DRIVER);
  }
}
