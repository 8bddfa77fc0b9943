package snnspark.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Holds the worker's packages to what their package-info says they may use. */
class WorkerLayeringTest {
  private static final JavaClasses WORKER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("snnspark.worker");

  @Test
  void packagesDependOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("spark")
        .definedBy("snnspark.worker.spark..")
        .layer("sim")
        .definedBy("snnspark.worker.sim..")
        .layer("train")
        .definedBy("snnspark.worker.train..")
        .layer("network")
        .definedBy("snnspark.worker")
        .layer("neuron")
        .definedBy("snnspark.worker.neuron..")
        .layer("description")
        .definedBy("snnspark.worker.description..")
        .whereLayer("spark")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("sim")
        .mayOnlyBeAccessedByLayers("spark")
        .whereLayer("train")
        .mayOnlyBeAccessedByLayers("sim", "spark")
        .whereLayer("network")
        .mayOnlyBeAccessedByLayers("train", "sim", "spark")
        .whereLayer("description")
        .mayOnlyBeAccessedByLayers("network", "train", "sim", "spark")
        .check(WORKER);
  }

  @Test
  void neuronModelsArePureJava() {
    classes()
        .that()
        .resideInAPackage("snnspark.worker.neuron..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "snnspark.worker.neuron..")
        .check(WORKER);
  }

  @Test
  void networkDescriptionsArePureJava() {
    classes()
        .that()
        .resideInAPackage("snnspark.worker.description..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "snnspark.worker.description..")
        .check(WORKER);
  }

  @Test
  void onlyTheSparkGlueAndTheTrainingPartitionTouchSpark() {
    noClasses()
        .that()
        .resideInAnyPackage("snnspark.worker", "snnspark.worker.sim..", "snnspark.worker.neuron..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .check(WORKER);
    noClasses()
        .that()
        .resideInAPackage("snnspark.worker.train..")
        .and()
        .doNotHaveSimpleName("TrainingPartition")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .check(WORKER);
  }
}
