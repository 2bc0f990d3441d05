package vn.dvc.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.dvc.aws.AwsClients;
import vn.dvc.core.json.Json;
import vn.dvc.core.security.Role;

/**
 * The whole suite in one JVM: engines, resources from template.yaml, the functions with their environment, the
 * HTTP front door and the event source mappings (S3 notifications, SQS queues, the DynamoDB stream).
 * Used by the local runner and, once per test JVM, by the tests.
 */
public final class LocalSuite implements AutoCloseable {
    /** Local values of template parameters that have no default. Development-only secrets. */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of(
            "Stage", "local",
            "JwtIssuer", "https://local.dvc.test/",
            "JwtAudience", "dvc-local",
            "ApplicantKeySecret", "local-development-applicant-key-secret",
            "PaymentCallbackSecret", "local-development-payment-callback-secret",
            "AlarmTopicArn", "",
            "NotifyMode", "outbox", // issue 7: deliveries recorded in the local outbox (GET /_local/outbox)
            "NotifyRetryFirstSeconds", "1", // notification retries in seconds, not minutes
            "NotifyRetryMaxSeconds", "4");
    private static final Set<String> PER_FUNCTION_VARIABLES = Set.of("POWERTOOLS_SERVICE_NAME", "JAVA_TOOL_OPTIONS");

    private final Engines engines;
    private final Template template;
    private final Provisioner.LocalNames names;
    private final FunctionHost functions;
    private final HttpFrontDoor frontDoor;
    private final LocalJwt jwt;
    private final List<Runnable> stoppers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private LocalSuite(Engines engines, Template template, Provisioner.LocalNames names, FunctionHost functions,
                       HttpFrontDoor frontDoor, LocalJwt jwt) {
        this.engines = engines;
        this.template = template;
        this.names = names;
        this.functions = functions;
        this.frontDoor = frontDoor;
        this.jwt = jwt;
    }

    /** Finds template.yaml in the working directory or one of its parents (tests run inside a module). */
    public static Path findTemplate() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("functions"))) {
                return dir.resolve("template.yaml");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + System.getProperty("user.dir"));
    }

    public static LocalSuite start(int port) {
        // EMF metrics go to stdout as on Lambda, not to a CloudWatch agent socket that does not exist here.
        software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider.getConfig()
                .setEnvironmentOverride(software.amazon.cloudwatchlogs.emf.environment.Environments.Local);
        Engines engines = Engines.start();
        try {
            Template template = Template.read(findTemplate());
            // External engines may be shared between runs: give this run's resources their own names.
            String prefix = engines.external() ? "dvc-" + UUID.randomUUID().toString().substring(0, 8) : "dvc-local";
            Map<String, String> parameters = new LinkedHashMap<>();
            template.parameters().forEach((name, p) -> {
                Object def = Template.map(p).get("Default");
                parameters.put(name, def == null ? null : def.toString());
            });
            LOCAL_PARAMETERS.forEach(parameters::put);
            AwsClients.reset();
            Provisioner.LocalNames names = new Provisioner(template, prefix, parameters)
                    .provision(AwsClients.dynamo(), AwsClients.s3(), AwsClients.sqs());
            for (Template.FunctionSpec f : template.functions()) {
                f.environment().forEach((name, value) -> {
                    if (!PER_FUNCTION_VARIABLES.contains(name)) {
                        String resolved = Template.resolve(value, names);
                        if (resolved != null) {
                            System.setProperty(name, resolved);
                        }
                    }
                });
            }
            FunctionHost functions = new FunctionHost(template.functions());
            LocalJwt jwt = new LocalJwt("local-development-jwt-signing-key", parameters.get("JwtIssuer"), parameters.get("JwtAudience"));
            HttpFrontDoor frontDoor = new HttpFrontDoor(port, template.routes(), functions, jwt);
            LocalSuite suite = new LocalSuite(engines, template, names, functions, frontDoor, jwt);
            suite.wire();
            frontDoor.start();
            return suite;
        } catch (RuntimeException | java.io.IOException e) {
            engines.close();
            throw new IllegalStateException("cannot start the local suite", e);
        }
    }

    private void wire() {
        frontDoor.addLocalEndpoint("POST /_local/token", this::issueToken);
        frontDoor.addLocalEndpoint("GET /_local/health", body -> new AbstractMap.SimpleEntry<>(200, Map.of("status", "ok")));
        // development payment gateway: signs a callback for a payment request and sends it through the front door
        frontDoor.addLocalPathEndpoint("POST /_local/payments/{txn}/pay", new LocalPaymentGateway(this)::pay);
        // ---- notifications (issue 7): what the notifier "sent" (NOTIFY_MODE=outbox), oldest first;
        // ?dossier=<code> for one dossier, ?days=<1..14> how far back (Vietnam dates, default 2)
        frontDoor.addLocalPathEndpoint("GET /_local/outbox", this::outbox);
        // ---- monitoring board (issue 11): web/dist (vite build) at /board/, or the unbundled sources (web/index.html and
        // web/src/, plain ES modules) when no build exists, e.g. on a machine without node; read per request so a
        // rebuild shows without a restart
        Path web = findTemplate().getParent().resolve("web");
        Path dist = web.resolve("dist");
        boolean built = Files.isRegularFile(dist.resolve("index.html"));
        Path board = built ? dist : web;
        if (Files.isRegularFile(board.resolve("index.html"))) {
            frontDoor.addSite("/board", relative -> {
                try {
                    Path file = board.resolve(relative).normalize();
                    boolean visible = built || file.equals(web.resolve("index.html")) || file.startsWith(web.resolve("src"));
                    return visible && file.startsWith(board) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                    return null;
                }
            });
        }
        SqsClient sqs = AwsClients.sqs();
        for (Template.FunctionSpec f : template.functions()) {
            for (Template.EventSpec e : f.events()) {
                switch (e.type()) {
                    case "SQS" -> {
                        String arn = Template.resolve(e.properties().get("Queue"), names);
                        String queueId = names.queueByArn(arn);
                        int batch = e.properties().get("BatchSize") instanceof Number n ? n.intValue() : 10;
                        // a function given its own queue's URL sets its messages' visibility itself (backoff): leave it be
                        boolean ownBackoff = f.environment().values().stream()
                                .anyMatch(v -> queueId.equals(Template.map(v).get("Ref")));
                        QueuePoller poller = new QueuePoller(sqs, names.queueUrl(queueId), arn, batch, f.logicalId(), functions,
                                ownBackoff ? 0 : 1);
                        run("sqs-" + queueId, poller, poller::stop);
                    }
                    case "DynamoDB" -> {
                        String streamArn = Template.resolve(e.properties().get("Stream"), names);
                        int batch = e.properties().get("BatchSize") instanceof Number n ? n.intValue() : 100;
                        int retries = e.properties().get("MaximumRetryAttempts") instanceof Number n ? n.intValue() : 3;
                        Object destination = Template.map(Template.map(Template.map(e.properties().get("DestinationConfig"))
                                .get("OnFailure"))).get("Destination");
                        String failureUrl = destination == null ? null
                                : names.queueUrl(names.queueByArn(Template.resolve(destination, names)));
                        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                                .endpointOverride(java.net.URI.create(engines.dynamoEndpoint())).build();
                        StreamPoller poller = new StreamPoller(streams, sqs, streamArn, batch, retries, failureUrl, f.logicalId(), functions);
                        run("stream-" + f.logicalId(), poller, poller::stop);
                    }
                    case "S3" -> {
                        String bucket = Template.resolve(e.properties().get("Bucket"), names);
                        String prefix = "";
                        Object rules = Template.map(Template.map(e.properties().get("Filter")).get("S3Key")).get("Rules");
                        if (rules instanceof List<?> list) {
                            for (Object rule : list) {
                                if ("prefix".equals(Template.map(rule).get("Name"))) {
                                    prefix = (String) Template.map(rule).get("Value");
                                }
                            }
                        }
                        S3Client s3 = AwsClients.s3();
                        Object dlqArn = Template.map(template.properties(f.logicalId()).get("DeadLetterQueue")).get("TargetArn");
                        String dlqUrl = dlqArn == null ? null : names.queueUrl(names.queueByArn(Template.resolve(dlqArn, names)));
                        S3Watcher watcher = new S3Watcher(s3, bucket, prefix, f.logicalId(), functions, sqs, dlqUrl);
                        run("s3-" + bucket + "-" + prefix, watcher, watcher::stop);
                    }
                    default -> { /* HttpApi routes are served by the front door; schedules by the scheduler */ }
                }
            }
        }
    }

    // ---- notifications (issue 7)
    private Map.Entry<Integer, Object> outbox(Map<String, String> params, String body) {
        int days = 2;
        if (params.get("days") != null) {
            try {
                days = Integer.parseInt(params.get("days"));
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 14) {
                return new AbstractMap.SimpleEntry<>(400, Map.of("code", "BAD_DAYS", "message", "days: 1..14"));
            }
        }
        String dossier = params.get("dossier") == null || params.get("dossier").isBlank() ? null : params.get("dossier");
        var items = vn.dvc.aws.notify.OutboxChannel.list(AwsClients.dynamo(), names.tableName("DossierTable"),
                java.time.Clock.systemUTC(), days, dossier);
        return new AbstractMap.SimpleEntry<>(200, Map.of("count", items.size(), "items", items));
    }

    private void run(String name, Runnable task, Runnable stopper) {
        Thread thread = new Thread(task, "local-" + name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
        stoppers.add(stopper);
    }

    private Map.Entry<Integer, Object> issueToken(String body) {
        Map<?, ?> request;
        try {
            request = body == null || body.isBlank() ? Map.of() : Json.read(body, Map.class);
        } catch (RuntimeException e) {
            return new AbstractMap.SimpleEntry<>(400, Map.of("code", "MALFORMED_JSON"));
        }
        Role role = Role.parse((String) request.get("role"));
        if (role == Role.ANONYMOUS) {
            return new AbstractMap.SimpleEntry<>(400, Map.of("code", "ROLE_REQUIRED",
                    "message", "role: CITIZEN | ASSISTANT | OFFICIAL | SUPERVISOR | OPERATOR"));
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", request.get("subject") != null ? request.get("subject") : role.name().toLowerCase() + "-" + UUID.randomUUID());
        claims.put("role", role.name());
        copy(request, claims, "personalId", "pid");
        copy(request, claims, "agencyId", "agency");
        copy(request, claims, "provinceCode", "province");
        copy(request, claims, "name", "name");
        long ttl = request.get("ttlSeconds") instanceof Number n ? n.longValue() : 3600;
        String token = jwt.issue(claims, ttl);
        return new AbstractMap.SimpleEntry<>(200, Map.of("token", token, "claims", claims));
    }

    private static void copy(Map<?, ?> from, Map<String, Object> to, String name, String claim) {
        if (from.get(name) != null) {
            to.put(claim, from.get(name).toString());
        }
    }

    public int port() {
        return frontDoor.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Engines engines() {
        return engines;
    }

    public Template template() {
        return template;
    }

    public Provisioner.LocalNames names() {
        return names;
    }

    public FunctionHost functions() {
        return functions;
    }

    public HttpFrontDoor frontDoor() {
        return frontDoor;
    }

    public LocalJwt jwt() {
        return jwt;
    }

    public DynamoDbClient dynamo() {
        return AwsClients.dynamo();
    }

    @Override
    public void close() {
        stoppers.forEach(Runnable::run);
        frontDoor.close();
        for (Thread t : threads) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        engines.close();
    }
}
