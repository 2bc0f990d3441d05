package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import vn.dvc.aws.http.HttpApiHandler;
import vn.dvc.local.LocalSuite;
import vn.dvc.local.Template;

/**
 * The template, the API contract and the code agree: the template's routes are exactly the spec's operations,
 * every function's handler class exists and serves the routes the template sends it, every function has a module
 * and sample events.
 */
class ContractIT {
    static final Path ROOT = LocalSuite.findTemplate().getParent();
    static final Template TEMPLATE = Template.read(ROOT.resolve("template.yaml"));

    @SuppressWarnings("unchecked")
    static Set<String> specOperations() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("api/openapi.yaml"))) {
            Map<String, Object> spec = new Yaml().load(reader);
            Set<String> operations = new TreeSet<>();
            ((Map<String, Object>) spec.get("paths")).forEach((path, item) ->
                    ((Map<String, Object>) item).keySet().stream()
                            .filter(k -> Set.of("get", "post", "put", "delete", "patch").contains(k))
                            .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
            return operations;
        }
    }

    @Test
    void templateRoutesAndSpecOperationsAreTheSameSet() throws IOException {
        Set<String> routes = new TreeSet<>();
        TEMPLATE.routes().forEach(r -> routes.add(r.routeKey()));
        assertEquals(specOperations(), routes);
    }

    @Test
    void everyHandlerServesExactlyTheRoutesTheTemplateSendsIt() throws Exception {
        for (Template.FunctionSpec f : TEMPLATE.functions()) {
            Class<?> handler = Class.forName(f.handlerClass());
            Set<String> templateRoutes = new TreeSet<>();
            TEMPLATE.routes().stream().filter(r -> r.functionId().equals(f.logicalId())).forEach(r -> templateRoutes.add(r.routeKey()));
            if (HttpApiHandler.class.isAssignableFrom(handler)) {
                Suite.start(); // handlers read their configuration from the suite's environment
                HttpApiHandler instance = (HttpApiHandler) handler.getDeclaredConstructor().newInstance();
                assertEquals(templateRoutes, new TreeSet<>(instance.routeKeys()), f.logicalId());
            } else {
                assertTrue(templateRoutes.isEmpty(), f.logicalId() + " gets HTTP routes but is no HTTP handler");
            }
        }
    }

    @Test
    void everyFunctionHasAModuleAndSampleEvents() throws IOException {
        for (Template.FunctionSpec f : TEMPLATE.functions()) {
            String module = moduleOf(f);
            assertTrue(Files.exists(ROOT.resolve("functions").resolve(module).resolve("pom.xml")), module);
            assertEquals("functions/" + module + "/target/" + module + ".jar", f.codeUri());
            Path events = ROOT.resolve("events").resolve(module);
            try (Stream<Path> files = Files.exists(events) ? Files.list(events) : Stream.empty()) {
                assertFalse(files.filter(p -> p.toString().endsWith(".json")).toList().isEmpty(), "no sample events for " + module);
            }
        }
    }

    static String moduleOf(Template.FunctionSpec f) {
        return f.codeUri().split("/")[1];
    }
}
