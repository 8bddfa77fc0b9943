package snnspark.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import snnspark.driver.io.UserException;

/** Errors below the CLI name settings; the CLI names them by the flags its users type. */
class SettingFlagsTest {
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
  private static final Pattern SETTING = Pattern.compile("\\{([a-z][A-Za-z]*)}");

  @Test
  void aSettingsFlagIsItsNameInKebabCase() {
    assertEquals("--steps", SettingFlags.flag("steps"));
    assertEquals("--lr-decay", SettingFlags.flag("lrDecay"));
    assertEquals("--features-col", SettingFlags.flag("featuresCol"));
  }

  @Test
  void theCliNamesFlagsWhereTheRecordsNameSettings() {
    UserException e = UserException.aboutSettings("{rateWeight} needs a {rateTarget} above 0 Hz");
    assertEquals("rateWeight needs a rateTarget above 0 Hz", e.getMessage());
    assertEquals("--rate-weight needs a --rate-target above 0 Hz", SettingFlags.message(e));
    UserException plain = new UserException("a {literal} brace");
    assertEquals("a {literal} brace", SettingFlags.message(plain));
  }

  /** Every setting an error of the driver or worker can name is a flag of some command. */
  @Test
  void everySettingNamedInAnErrorIsAFlag() throws IOException {
    Set<String> flags = new HashSet<>();
    collectFlags(new CommandLine(new SnnCommand()), flags);
    Set<String> named = new TreeSet<>();
    for (String root : new String[] {"src/main/java", "../worker/src/main/java"}) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> collectSettings(f, named));
      }
    }
    assertTrue(named.size() >= 15, "too few settings found: " + named);
    for (String setting : named) {
      assertTrue(flags.contains(SettingFlags.flag(setting)), setting + " has no flag " + flags);
    }
  }

  private static void collectFlags(CommandLine cli, Set<String> flags) {
    flags.addAll(cli.getCommandSpec().optionsMap().keySet());
    cli.getSubcommands().values().forEach(sub -> collectFlags(sub, flags));
  }

  private static void collectSettings(Path file, Set<String> named) {
    try {
      Matcher literal = STRING_LITERAL.matcher(Files.readString(file));
      while (literal.find()) {
        Matcher setting = SETTING.matcher(literal.group());
        while (setting.find()) {
          named.add(setting.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
