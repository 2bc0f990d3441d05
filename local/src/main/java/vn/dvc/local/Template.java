package vn.dvc.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as the local runner needs it: functions with their handler, environment and events; tables,
 * buckets and queues to create. The template is the single source of truth for local runs and tests.
 */
public final class Template {
    public record FunctionSpec(String logicalId, String handlerClass, String codeUri, Map<String, Object> environment,
                               List<EventSpec> events, int timeoutSeconds) {
        /** issue 8: without the function's own Timeout (0: the Globals apply). */
        public FunctionSpec(String logicalId, String handlerClass, String codeUri, Map<String, Object> environment,
                            List<EventSpec> events) {
            this(logicalId, handlerClass, codeUri, environment, events, 0);
        }
    }

    public record EventSpec(String name, String type, Map<String, Object> properties) {}

    /** An HTTP API route: method, path template and whether the JWT authorizer guards it. */
    public record Route(String method, String path, boolean authorized, String functionId) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template read(Path file) {
        try {
            return new Template(CfnYaml.read(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public Map<String, Object> properties(String logicalId) {
        return map(map(resources().get(logicalId)).get("Properties"));
    }

    public List<FunctionSpec> functions() {
        Map<String, Object> globals = map(map(map(root.get("Globals")).get("Function")).get("Environment"));
        Map<String, Object> globalVars = map(globals.get("Variables"));
        List<FunctionSpec> functions = new ArrayList<>();
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> props = properties(id);
            Map<String, Object> env = new LinkedHashMap<>(globalVars);
            env.putAll(map(map(props.get("Environment")).get("Variables")));
            List<EventSpec> events = new ArrayList<>();
            map(props.get("Events")).forEach((name, e) ->
                    events.add(new EventSpec(name, (String) map(e).get("Type"), map(map(e).get("Properties")))));
            String handler = (String) props.get("Handler");
            int timeout = props.get("Timeout") instanceof Number n ? n.intValue() : 0; // issue 8
            functions.add(new FunctionSpec(id, handler.split("::")[0], (String) props.get("CodeUri"), env, events, timeout));
        }
        return functions;
    }

    public List<Route> routes() {
        String defaultAuthorizer = (String) map(map(properties("HttpApi")).get("Auth")).get("DefaultAuthorizer");
        List<Route> routes = new ArrayList<>();
        for (FunctionSpec f : functions()) {
            for (EventSpec e : f.events()) {
                if (!"HttpApi".equals(e.type())) {
                    continue;
                }
                Object authorizer = map(e.properties().get("Auth")).getOrDefault("Authorizer", defaultAuthorizer);
                routes.add(new Route(((String) e.properties().get("Method")).toUpperCase(),
                        (String) e.properties().get("Path"), authorizer != null && !"NONE".equals(authorizer), f.logicalId()));
            }
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Resolves intrinsic functions against local names. Returns null for what cannot be resolved locally. */
    public interface Names {
        String ref(String logicalId);

        String getAtt(String logicalId, String attribute);
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.([A-Za-z]+))?}");

    public static String resolve(Object value, Names names) {
        if (value == null) return null;
        if (value instanceof String s) return s;
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        Map<String, Object> m = map(value);
        if (m.containsKey("Ref")) return names.ref((String) m.get("Ref"));
        if (m.containsKey("Fn::GetAtt")) {
            List<?> parts = (List<?>) m.get("Fn::GetAtt");
            return names.getAtt((String) parts.get(0), (String) parts.get(1));
        }
        if (m.containsKey("Fn::Sub")) {
            Object sub = m.get("Fn::Sub");
            String text = sub instanceof String s ? s : (String) ((List<?>) sub).get(0);
            Matcher matcher = SUB.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = matcher.group(2) == null ? names.ref(matcher.group(1))
                        : names.getAtt(matcher.group(1), matcher.group(2));
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? "" : replacement));
            }
            matcher.appendTail(out);
            return out.toString();
        }
        return null;
    }
}
