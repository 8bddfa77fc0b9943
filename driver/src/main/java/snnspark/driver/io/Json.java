package snnspark.driver.io;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.io.InputStream;

/** The one JSON mapper of the project: snake_case keys, indented, strict about unknown keys. */
public final class Json {
  public static final ObjectMapper MAPPER = mapper();

  /**
   * Binds the nested form {@link #readFlat} makes: Jackson 2.15 (Spark's) cannot give a record's
   * constructor an {@code @JsonUnwrapped} value, so this mapper reads such a component as the
   * nested object it is.
   */
  private static final ObjectMapper NESTED_READER =
      mapper()
          .setAnnotationIntrospector(
              new JacksonAnnotationIntrospector() {
                private static final long serialVersionUID = 1L;

                @Override
                public NameTransformer findUnwrappingNameTransformer(AnnotatedMember member) {
                  return null;
                }
              });

  private Json() {}

  private static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * Reads a {@code type} that {@link #MAPPER} wrote, {@code @JsonUnwrapped} values (written flat
   * among its keys) included, as strictly as {@link #MAPPER} reads: a key no part claims is
   * refused.
   */
  public static <T> T readFlat(InputStream in, Class<T> type) throws IOException {
    return readFlat(MAPPER.readTree(in), type);
  }

  /** {@link #readFlat(InputStream, Class)} of a tree already read (and changed in place). */
  public static <T> T readFlat(JsonNode tree, Class<T> type) throws IOException {
    if (tree instanceof ObjectNode object) {
      nestUnwrapped(object, MAPPER.constructType(type));
    }
    return NESTED_READER.treeToValue(tree, type);
  }

  /** Moves the keys of each unwrapped property of {@code type} into an object of its own. */
  private static void nestUnwrapped(ObjectNode flat, JavaType type) throws IOException {
    for (BeanPropertyDefinition property : properties(type)) {
      AnnotatedMember accessor = property.getAccessor();
      if (accessor == null || !accessor.hasAnnotation(JsonUnwrapped.class)) {
        continue;
      }
      if (flat.has(property.getName())) {
        // Written flat, so the name itself is no key of the file.
        throw JsonMappingException.from(
            (JsonParser) null, "Unrecognized field \"" + property.getName() + "\"");
      }
      ObjectNode nested = flat.objectNode();
      for (BeanPropertyDefinition inner : properties(property.getPrimaryType())) {
        JsonNode value = flat.remove(inner.getName());
        if (value != null) {
          nested.set(inner.getName(), value);
        }
      }
      flat.set(property.getName(), nested);
    }
  }

  private static Iterable<BeanPropertyDefinition> properties(JavaType type) {
    BeanDescription description = MAPPER.getSerializationConfig().introspect(type);
    return description.findProperties();
  }
}
