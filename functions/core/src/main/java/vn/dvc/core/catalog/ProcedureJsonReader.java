package vn.dvc.core.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.dvc.core.fees.Exemption;
import vn.dvc.core.fees.FeeBasis;
import vn.dvc.core.fees.FeeKind;
import vn.dvc.core.fees.FeeLine;
import vn.dvc.core.fees.FeeSchedule;
import vn.dvc.core.fees.OnlineReduction;
import vn.dvc.core.fees.ProofKind;
import vn.dvc.core.text.LocalizedText;

/**
 * Reads procedure documents with the streaming parser and maps them to records by hand. Cold start is why:
 * with databind (ObjectMapper setup plus reflective record introspection) the first load of the seed took about
 * 530 ms in a fresh test JVM; with the streaming parser about 110 ms (ProcedureCatalogTest prints it). The JSON shape is the one databind writes for {@link Procedure}; a test keeps
 * the two in step.
 */
final class ProcedureJsonReader {

    /** Only jackson-core's streaming parser and the tree node classes load: no ObjectMapper (its setup dominates cold start). */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProcedureJsonReader() {}

    static List<Procedure> read(InputStream json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty procedure document");
            }
            return procedures(tree(parser, first));
        }
    }

    /** Builds a tree from the streaming parser; the same nodes ObjectMapper.readTree would build. */
    static JsonNode tree(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, tree(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(tree(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    static List<Procedure> procedures(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of procedure documents");
        }
        return list(array, ProcedureJsonReader::procedure);
    }

    static Procedure procedure(JsonNode n) {
        return new Procedure(
                text(n, "code"),
                n.path("version").asInt(0),
                localized(n.get("name")),
                localized(n.get("field")),
                enumOf(HandlingLevel.class, n.get("level")),
                text(n, "agencyKind"),
                processingTime(n.get("processingTime")),
                enumOf(OnlineLevel.class, n.get("onlineLevel")),
                list(n.get("components"), ProcedureJsonReader::component),
                present(n.get("formSchema")) ? n.get("formSchema") : null,
                feeSchedule(n.get("feeSchedule")),
                localized(n.get("result")),
                list(n.get("legalBasis"), JsonNode::asText),
                date(n.get("effectiveFrom")),
                date(n.get("effectiveTo")),
                present(n.get("publishedProvinces")) ? list(n.get("publishedProvinces"), JsonNode::asText) : null,
                enumOf(SupplementClockPolicy.class, n.get("supplementClockPolicy")),
                list(n.get("sources"), s -> new SourceRef(text(s, "field"), text(s, "source"), text(s, "note"))),
                list(n.get("unknowns"), u -> new UnknownValue(text(u, "field"), text(u, "reason"))));
    }

    private static ProcessingTime processingTime(JsonNode n) {
        if (!present(n)) {
            return null;
        }
        return new ProcessingTime(n.path("value").asInt(), enumOf(ProcessingTimeUnit.class, n.get("unit")), text(n, "note"));
    }

    private static DocumentComponent component(JsonNode n) {
        return new DocumentComponent(
                text(n, "code"),
                localized(n.get("name")),
                text(n, "caseGroup"),
                present(n.get("required")) ? n.get("required").asBoolean() : null,
                enumOf(DataSubstitute.class, n.get("substitutableBy")),
                list(n.get("acceptedTypes"), JsonNode::asText),
                n.path("maxBytes").asLong(),
                n.path("quantityOriginal").asInt(),
                n.path("quantityCopy").asInt());
    }

    private static FeeSchedule feeSchedule(JsonNode n) {
        if (!present(n)) {
            return null;
        }
        return new FeeSchedule(list(n.get("lines"), ProcedureJsonReader::feeLine));
    }

    private static FeeLine feeLine(JsonNode n) {
        Map<String, Long> provinces = new LinkedHashMap<>();
        JsonNode provinceAmounts = n.get("provinceAmounts");
        if (present(provinceAmounts)) {
            provinceAmounts.fields().forEachRemaining(e -> provinces.put(e.getKey(), e.getValue().asLong()));
        }
        return new FeeLine(
                text(n, "code"),
                localized(n.get("label")),
                enumOf(FeeKind.class, n.get("kind")),
                enumOf(FeeBasis.class, n.get("basis")),
                n.path("amount").asLong(),
                n.path("includedCopies").asInt(),
                provinces,
                list(n.get("onlineReductions"), r -> new OnlineReduction(
                        date(r.get("validFrom")),
                        date(r.get("validTo")),
                        present(r.get("reducedAmount")) ? r.get("reducedAmount").asLong() : null,
                        present(r.get("percent")) ? r.get("percent").asInt() : null,
                        text(r, "legalBasis"))),
                list(n.get("exemptions"), e -> new Exemption(
                        text(e, "category"),
                        enumOf(ProofKind.class, e.get("proof")),
                        text(e, "proofComponent"),
                        text(e, "legalBasis"))),
                text(n, "legalBasis"));
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return present(n) ? n.asText() : null;
    }

    private static LocalizedText localized(JsonNode n) {
        return present(n) ? new LocalizedText(text(n, "vi"), text(n, "en")) : null;
    }

    private static LocalDate date(JsonNode n) {
        return present(n) ? LocalDate.parse(n.asText()) : null;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n) {
        return present(n) ? Enum.valueOf(type, n.asText()) : null;
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        if (!present(array)) {
            return List.of();
        }
        List<T> out = new ArrayList<>(array.size());
        array.forEach(item -> out.add(element.apply(item)));
        return out;
    }
}
