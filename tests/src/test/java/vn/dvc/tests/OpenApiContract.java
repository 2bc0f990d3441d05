package vn.dvc.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import vn.dvc.core.json.Json;
import vn.dvc.local.LocalSuite;

/**
 * Checks real responses against api/openapi.yaml: the status must be declared for the operation and a JSON body
 * must validate against the declared schema (OpenAPI 3.0 dialect, so {@code nullable} is understood). The mobile
 * app team builds against the spec; this keeps the spec honest.
 */
public final class OpenApiContract {
    private static volatile OpenApiContract instance;

    private final JsonNode spec;
    private final String documentUri;
    private final List<Operation> operations = new ArrayList<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private record Operation(String method, String template, Pattern pattern) {}

    private OpenApiContract(Path specFile, Path jsonCopy) throws IOException {
        Object yaml;
        try (Reader reader = Files.newBufferedReader(specFile)) {
            yaml = new Yaml().load(reader);
        }
        spec = Json.MAPPER.valueToTree(yaml);
        Files.createDirectories(jsonCopy.getParent());
        Files.writeString(jsonCopy, Json.write(spec));
        documentUri = jsonCopy.toUri().toString();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                String regex = "^" + Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "$";
                operations.add(new Operation(method, path.getKey(), Pattern.compile(regex)));
            }
        }));
    }

    public static OpenApiContract get() {
        if (instance == null) {
            synchronized (OpenApiContract.class) {
                if (instance == null) {
                    Path root = LocalSuite.findTemplate().getParent();
                    try {
                        instance = new OpenApiContract(root.resolve("api/openapi.yaml"),
                                root.resolve("tests/target/openapi.json"));
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot read api/openapi.yaml", e);
                    }
                }
            }
        }
        return instance;
    }

    /**
     * The query parameters the spec declares for an operation (path-level and operation-level, {@code $ref}s to
     * {@code components/parameters} resolved). Issue 10: the hostile corpus probes paging only where it is declared.
     */
    public java.util.Set<String> queryParameters(String method, String pathTemplate) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        JsonNode path = spec.path("paths").path(pathTemplate);
        for (JsonNode list : List.of(path.path("parameters"), path.path(method.toLowerCase(java.util.Locale.ROOT)).path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode param = p;
                if (p.has("$ref")) {
                    String ref = p.path("$ref").asText();
                    param = spec.at(ref.substring(1));
                }
                if ("query".equals(param.path("in").asText())) {
                    names.add(param.path("name").asText());
                }
            }
        }
        return names;
    }

    /** What is wrong with this response according to the spec; empty when it conforms or the route is not in it. */
    public List<String> violations(String method, String rawPath, int status, Map<String, String> headers, String body) {
        String path = rawPath.split("\\?", 2)[0];
        String m = method.toLowerCase(Locale.ROOT);
        Operation op = operations.stream().filter(o -> o.method.equals(m) && o.pattern.matcher(path).matches())
                .findFirst().orElse(null);
        if (op == null) {
            return List.of(); // local-only routes (/_local/...) and unknown routes (answered 404/405 by the front door)
        }
        String where = method + " " + op.template + " -> " + status;
        JsonNode responses = spec.path("paths").path(op.template).path(m).path("responses");
        String code = String.valueOf(status);
        String pointer = "/paths/" + escape(op.template) + "/" + m + "/responses/";
        JsonNode response;
        if (responses.has(code)) {
            response = responses.get(code);
            pointer += code;
        } else if (responses.has(code.charAt(0) + "XX")) {
            response = responses.get(code.charAt(0) + "XX");
            pointer += code.charAt(0) + "XX";
        } else if (responses.has("default")) {
            response = responses.get("default");
            pointer += "default";
        } else {
            return List.of(where + ": status not declared in the spec");
        }
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = spec.at(pointer);
        }
        String contentType = headers.getOrDefault("content-type", "");
        if (status == 304 || body == null || body.isEmpty() || !contentType.startsWith("application/json")) {
            return List.of();
        }
        if (!response.path("content").has("application/json")) {
            return List.of(where + ": JSON body but the spec declares no application/json content");
        }
        JsonNode value;
        try {
            value = Json.tree(body);
        } catch (IOException e) {
            return List.of(where + ": body is not JSON");
        }
        String schemaPointer = pointer + "/content/application~1json/schema";
        JsonSchema schema = schemas.computeIfAbsent(schemaPointer,
                p -> factory.getSchema(SchemaLocation.of(documentUri + "#" + p)));
        List<String> out = new ArrayList<>();
        schema.validate(value).forEach(message -> out.add(where + ": " + message.getMessage()));
        return out;
    }

    private static String escape(String pathTemplate) {
        return pathTemplate.replace("~", "~0").replace("/", "~1");
    }
}
