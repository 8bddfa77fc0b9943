package snnspark.driver.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A flag's value as a constant of an enum, its name in any case; a value that names none is refused
 * with the names in lower case, as users type them ("expected uniform or zero, got 'x'").
 */
abstract class LowerCaseEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
  private final Class<E> type;

  LowerCaseEnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new TypeConversionException("expected " + choices() + ", got '" + value + "'");
  }

  /** "a or b", "a, b or c". */
  private String choices() {
    List<String> names =
        Arrays.stream(type.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .toList();
    int last = names.size() - 1;
    return last == 0
        ? names.get(0)
        : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
  }
}
