package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import snnspark.driver.TestProcess;

/**
 * The deploy folder's scripts: deploy/java17-flags (what deploy/snn passes) and the pom's test JVM
 * flags stay in step, and every script is valid bash.
 */
class DeployFlagsTest {
  private static final Path ROOT = Path.of(System.getProperty("snnspark.project.root", ".."));

  @Test
  void everyScriptParses() throws Exception {
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
      scripts = files.filter(DeployFlagsTest::isBashScript).toList();
    }
    assertTrue(scripts.size() >= 8, "scripts found: " + scripts);
    for (Path script : scripts) {
      // A quote inside ${VAR:?message} once broke submit-yarn.sh for every user; bash -n sees it.
      TestProcess.Output check =
          TestProcess.start(List.of("bash", "-n", script.toString()), Map.of()).finish(1);
      assertEquals(0, check.exitCode(), script + ": " + check.text());
    }
  }

  private static boolean isBashScript(Path file) {
    try {
      return Files.isRegularFile(file) && Files.readString(file).startsWith("#!/usr/bin/env bash")
          || file.toString().endsWith(".sh");
    } catch (IOException e) {
      return false; // not text
    }
  }

  @Test
  void everyLauncherFlagIsAlsoGivenToTestJvms() throws IOException {
    Path root = ROOT;
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
