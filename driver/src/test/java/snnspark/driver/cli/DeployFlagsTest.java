package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/java17-flags (what deploy/snn passes) and the pom's test JVM flags stay in step. */
class DeployFlagsTest {
  @Test
  void everyLauncherFlagIsAlsoGivenToTestJvms() throws IOException {
    Path root = Path.of(System.getProperty("snnspark.project.root", ".."));
    List<String> launcher =
        Files.readAllLines(root.resolve("deploy/java17-flags")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertTrue(launcher.size() > 15, "flags file read: " + launcher);
    for (String flag : launcher) {
      assertTrue(
          jvm.contains(flag), flag + " is in deploy/java17-flags but not in the pom's argLine");
    }
  }
}
