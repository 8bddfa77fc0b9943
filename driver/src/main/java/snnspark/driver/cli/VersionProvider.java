package snnspark.driver.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), with the library versions that matter. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "snn-spark " + (version != null ? version : "(development build)"),
      "Spark "
          + org.apache.spark.package$.MODULE$.SPARK_VERSION()
          + ", Java "
          + System.getProperty("java.version")
    };
  }
}
