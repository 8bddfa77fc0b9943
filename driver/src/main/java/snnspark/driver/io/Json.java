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
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

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
    Set<String> nests = Set.of();
    if (tree instanceof ObjectNode object) {
      nests = nestUnwrapped(object, MAPPER.constructType(type));
    }
    try {
      return NESTED_READER.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw unrecognized(e, nests);
    }
  }

  /**
   * An unknown key as the file has it: Jackson's own message would name the key within the nested
   * form and list that form's keys, which the file does not have.
   */
  private static JsonMappingException unrecognized(
      UnrecognizedPropertyException e, Set<String> nests) {
    String key =
        e.getPath().stream()
            .map(JsonMappingException.Reference::getFieldName)
            .filter(name -> name != null && !nests.contains(name))
            .collect(Collectors.joining("."));
    return unknownKey(key);
  }

  /** The refusal of {@code key}, a key no part of the file's record claims. */
  private static JsonMappingException unknownKey(String key) {
    return JsonMappingException.from((JsonParser) null, "Unrecognized field \"" + key + "\"");
  }

  /**
   * Moves the keys of each unwrapped property of {@code type} into an object of its own; returns
   * the names of those objects.
   */
  private static Set<String> nestUnwrapped(ObjectNode flat, JavaType type) throws IOException {
    Set<String> nests = new HashSet<>();
    for (BeanPropertyDefinition property : properties(type)) {
      AnnotatedMember accessor = property.getAccessor();
      if (accessor == null || !accessor.hasAnnotation(JsonUnwrapped.class)) {
        continue;
      }
      if (flat.has(property.getName())) {
        // Written flat, so the name itself is no key of the file.
        throw unknownKey(property.getName());
      }
      ObjectNode nested = flat.objectNode();
      for (BeanPropertyDefinition inner : properties(property.getPrimaryType())) {
        JsonNode value = flat.remove(inner.getName());
        if (value != null) {
          nested.set(inner.getName(), value);
        }
      }
      flat.set(property.getName(), nested);
      nests.add(property.getName());
    }
    return nests;
  }

  private static Iterable<BeanPropertyDefinition> properties(JavaType type) {
    BeanDescription description = MAPPER.getSerializationConfig().introspect(type);
    return description.findProperties();
  }
}
