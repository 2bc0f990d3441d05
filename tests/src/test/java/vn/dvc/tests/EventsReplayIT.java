package vn.dvc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dvc.core.json.Json;
import vn.dvc.local.Template;

/**
 * Every sample event under events/ (the same files {@code sam local invoke -e} takes) is replayed through its
 * function's real handler against the local engines, and its outcome is checked. A new event file without an
 * expectation here fails, so samples cannot rot.
 */
@ExtendWith(Suite.class)
class EventsReplayIT {
    /** HTTP events: the status their handler must answer. */
    static final Map<String, Integer> HTTP_STATUS = Map.ofEntries(
            Map.entry("intake-api/http-file-dossier.json", 201),
            Map.entry("intake-api/http-file-dossier-missing-key.json", 400),
            // ---- intake (issue 4): replayed after http-file-dossier.json (sorted), same key: first answer / 422
            Map.entry("intake-api/http-retry-same-key-same-body.json", 201),
            Map.entry("intake-api/http-retry-same-key-other-body.json", 422),
            Map.entry("catalog-api/http-get-procedure.json", 200),
            Map.entry("catalog-api/http-get-procedure-unknown.json", 404),
            // ---- catalog (issue 3): an old province code answers for the new one; bad paging 400; a split old commune
            // lists its candidates; a publication by an operator is 201 (the next version), an invalid one 422, a citizen's 403
            Map.entry("catalog-api/http-list-procedures-old-province.json", 200),
            Map.entry("catalog-api/http-list-procedures-bad-paging.json", 400),
            Map.entry("catalog-api/http-get-procedure-version.json", 200),
            Map.entry("catalog-api/http-get-unit-split.json", 200),
            Map.entry("catalog-api/http-get-unit-malformed.json", 400),
            Map.entry("catalog-api/http-get-unit-unknown.json", 404),
            Map.entry("catalog-api/http-search-units.json", 200),
            Map.entry("catalog-api/http-list-agencies.json", 200),
            Map.entry("catalog-api/http-publish-procedure.json", 201),
            Map.entry("catalog-api/http-publish-procedure-invalid.json", 422),
            Map.entry("catalog-api/http-publish-procedure-citizen.json", 403),
            // ---- catalog (issue 3): one agency (public); an operator replaces its generated values (200; any number of
            // times, each a new revision), an invalid replacement is 422 with every problem, a citizen's 403
            Map.entry("catalog-api/http-get-agency.json", 200),
            Map.entry("catalog-api/http-replace-agency.json", 200),
            Map.entry("catalog-api/http-replace-agency-invalid.json", 422),
            Map.entry("catalog-api/http-replace-agency-citizen.json", 403),
            Map.entry("status-api/http-get-dossier-foreign.json", 404),
            Map.entry("status-api/http-list-own.json", 200),
            // ---- processing (issue 6): sample dossiers are not stored, so an own official's action is 404 (after the
            // role check: citizens 403, supervisors read-only 403); a foreign official's list is 403; verification is public
            Map.entry("processing-api/http-action-take.json", 404),
            Map.entry("processing-api/http-action-request-supplement.json", 404),
            Map.entry("processing-api/http-action-resubmit.json", 404),
            Map.entry("processing-api/http-action-approve.json", 404),
            Map.entry("processing-api/http-action-result-upload.json", 404),
            Map.entry("processing-api/http-action-refuse.json", 404),
            Map.entry("processing-api/http-action-transfer.json", 404),
            Map.entry("processing-api/http-action-complete.json", 404),
            Map.entry("processing-api/http-action-unknown.json", 400),
            Map.entry("processing-api/http-action-citizen-forbidden.json", 403),
            Map.entry("processing-api/http-action-supervisor-read-only.json", 403),
            Map.entry("processing-api/http-action-malformed-code.json", 400),
            Map.entry("processing-api/http-list-agency-queue.json", 200),
            Map.entry("processing-api/http-list-agency-queue-supervisor.json", 200),
            Map.entry("processing-api/http-list-agency-queue-foreign.json", 403),
            Map.entry("processing-api/http-list-routing-queue.json", 200),
            Map.entry("processing-api/http-get-documents-unknown.json", 404),
            Map.entry("processing-api/http-get-documents-citizen.json", 403),
            Map.entry("processing-api/http-verify-result.json", 200),
            Map.entry("processing-api/http-verify-result-bad-hash.json", 400),
            // ---- payment (issue 5): signed callbacks for sample transactions pass the signature check and name no
            // stored payment (404); a bad signature is 401 before anything is read; a foreign citizen sees nothing
            Map.entry("payment-api/http-callback-good.json", 404),
            Map.entry("payment-api/http-callback-duplicate.json", 404),
            Map.entry("payment-api/http-callback-amount-mismatch.json", 404),
            Map.entry("payment-api/http-callback-bad-signature.json", 401),
            Map.entry("payment-api/http-request-payment-foreign.json", 404),
            // ---- notifications and status (issue 7): dossiers of NotifySamples; the look-up is anonymous, the rating
            // of a dossier not yet completed is 409, a score of 9 is 422
            Map.entry("status-api/http-get-dossier-own.json", 200),
            Map.entry("status-api/http-public-lookup.json", 200),
            Map.entry("status-api/http-public-lookup-wrong-digits.json", 404),
            Map.entry("status-api/http-public-lookup-no-digits.json", 400),
            Map.entry("status-api/http-rate-not-completed.json", 409),
            Map.entry("status-api/http-rate-bad-score.json", 422),
            // ---- notifications (issue 7, session 13:50): the channel choice at filing and on its own route (PUSH
            // without an endpoint 422, another citizen 404, a stale If-Match 409); an agency's inbox (own official
            // 200, another agency's 403, a cursor it never issued 400)
            Map.entry("intake-api/http-file-dossier-with-notification.json", 201),
            Map.entry("intake-api/http-put-notification-push-without-endpoint.json", 422),
            Map.entry("intake-api/http-put-notification-foreign.json", 404),
            Map.entry("intake-api/http-put-notification-stale-version.json", 409),
            Map.entry("processing-api/http-list-agency-notices.json", 200),
            Map.entry("processing-api/http-list-agency-notices-foreign.json", 403),
            Map.entry("processing-api/http-list-agency-notices-bad-cursor.json", 400),
            // ---- monitoring (issue 8)
            Map.entry("stats-api/http-get-stats-supervisor.json", 200),
            Map.entry("stats-api/http-get-stats-supervisor-other-province.json", 403),
            Map.entry("stats-api/http-get-stats-official-other-agency.json", 403),
            Map.entry("stats-api/http-get-stats-citizen.json", 403),
            Map.entry("stats-api/http-get-stats-bad-range.json", 400),
            // ---- monitoring, session 13:50 (issue 8): the agency's new appointment date; operator import summaries
            Map.entry("processing-api/http-action-reschedule.json", 404),
            Map.entry("stats-api/http-list-imports-operator.json", 200),
            Map.entry("stats-api/http-list-imports-bad-limit.json", 400),
            Map.entry("stats-api/http-get-import-unknown.json", 404),
            Map.entry("stats-api/http-get-import-citizen.json", 403),
            Map.entry("stats-api/http-get-import-bad-name.json", 400));

    /** SQS events: how many records the handler must report as failed (poison goes to the DLQ, not back). */
    static final Map<String, Integer> SQS_FAILURES = Map.ofEntries(
            Map.entry("validation-worker/sqs-stale-message.json", 0),
            Map.entry("validation-worker/sqs-poison-message.json", 0),
            // ---- validation and fees (issue 5): sample dossiers are not stored, so each goes to the DLQ, not back
            Map.entry("validation-worker/sqs-complete.json", 0),
            Map.entry("validation-worker/sqs-incomplete.json", 0),
            Map.entry("validation-worker/sqs-register-mismatch.json", 0),
            Map.entry("fee-calculator/sqs-validated.json", 0),
            Map.entry("fee-calculator/sqs-poison-message.json", 0),
            // ---- notifications (issue 7): sent; the same request redelivered (sent once, see NotificationIT); the
            // outbox's busy number fails temporarily (back to the queue with backoff); an unknown number falls back to
            // e-mail; poison (not JSON, unknown status, unknown dossier) goes to the DLQ
            Map.entry("notifier/sqs-good.json", 0),
            Map.entry("notifier/sqs-good-redelivered.json", 0),
            Map.entry("notifier/sqs-temporary-failure.json", 1),
            Map.entry("notifier/sqs-permanent-failure-falls-back.json", 0),
            Map.entry("notifier/sqs-poison-message.json", 0),
            // ---- monitoring (issue 8): unknown dossier and malformed messages go to the stats DLQ with a reason
            Map.entry("stats-aggregator/sqs-status-changed-unknown-dossier.json", 0),
            Map.entry("stats-aggregator/sqs-poison-message.json", 0));

    // ---- legacy import (issue 8): the handler's outcome line. The fixture (events/legacy-importer/files/) is
    // uploaded to the event's key first; the local S3 watcher may import it at the same moment, so a first import
    // counts imported + duplicates = 3. The re-import replays the good file first, then must import nothing.
    static final Map<String, String> S3_OUTCOMES = Map.ofEntries(
            Map.entry("legacy-importer/s3-import-good-csv.json",
                    "COMPLETE rows=4 (imported=3 duplicates=0|imported=2 duplicates=1|imported=1 duplicates=2|imported=0 duplicates=3) failed=1 manual=[01]"),
            Map.entry("legacy-importer/s3-import-reimport.json", "COMPLETE rows=4 imported=0 duplicates=3 failed=1 manual=0"),
            Map.entry("legacy-importer/s3-import-bad-file.json", "REJECTED MISSING_COLUMNS"));
    static final Map<String, String> S3_FIXTURES = Map.ofEntries(
            Map.entry("legacy-importer/s3-import-good-csv.json", "legacy-importer/files/good.csv"),
            Map.entry("legacy-importer/s3-import-reimport.json", "legacy-importer/files/good.csv"),
            Map.entry("legacy-importer/s3-import-bad-file.json", "legacy-importer/files/missing-columns.csv"));
    static final Map<String, String> S3_REPLAY_FIRST = Map.of(
            "legacy-importer/s3-import-reimport.json", "legacy-importer/s3-import-good-csv.json");

    static Stream<String> events() throws IOException {
        Path root = ContractIT.ROOT.resolve("events");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json")).map(p -> root.relativize(p).toString()).sorted().toList().stream();
        }
    }

    /**
     * Puts an import file where its sample event points. The re-import sample writes the same key again while the
     * local runner's watcher may still be feeding the previous copy to the importer; S3Proxy can refuse that PUT
     * outright (the SDK sees "Error writing request body"), so a refused PUT is tried again after a pause.
     */
    private static void putFixture(String key, Path fixture) {
        for (int attempt = 1; ; attempt++) {
            try {
                vn.dvc.aws.AwsClients.s3().putObject(b -> b.bucket(Suite.suite().names().bucketName("DocumentBucket")).key(key),
                        software.amazon.awssdk.core.sync.RequestBody.fromFile(fixture));
                return;
            } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void replays(String relative) throws IOException {
        Path file = ContractIT.ROOT.resolve("events").resolve(relative);
        String module = relative.substring(0, relative.indexOf('/'));
        String name = file.getFileName().toString();
        // A module may host several functions (payment-api: the API and the schedule-triggered sweeper).
        Template.FunctionSpec function = ContractIT.TEMPLATE.functions().stream()
                .filter(f -> ContractIT.moduleOf(f).equals(module))
                .filter(f -> !name.startsWith("schedule-") || f.events().stream().anyMatch(e -> e.type().equals("Schedule")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function for events/" + module));
        Json.tree(Files.readString(file)); // valid JSON for sam local invoke -e
        if (module.equals("notifier") || module.equals("status-api") || name.startsWith("http-put-notification")) {
            NotifySamples.seed(); // issue 7: the dossiers those samples name
        }
        var functions = Suite.suite().functions();
        if (name.startsWith("http-")) {
            assertTrue(HTTP_STATUS.containsKey(relative), "add an expectation for " + relative);
            var event = EventLoader.loadApiGatewayHttpEvent(file.toString());
            signAtReplay(event);
            var response = (APIGatewayV2HTTPResponse) functions.invoke(function.logicalId(), event);
            assertEquals(HTTP_STATUS.get(relative), response.getStatusCode(), response.getBody());
            assertNotNull(Json.tree(response.getBody()));
        } else if (name.startsWith("sqs-")) {
            assertTrue(SQS_FAILURES.containsKey(relative), "add an expectation for " + relative);
            var response = (SQSBatchResponse) functions.invoke(function.logicalId(), EventLoader.loadSQSEvent(file.toString()));
            assertEquals(SQS_FAILURES.get(relative), response.getBatchItemFailures().size());
        } else if (name.startsWith("s3-")) {
            var s3Event = EventLoader.loadS3Event(file.toString());
            if (S3_FIXTURES.containsKey(relative)) { // issue 8
                String key = s3Event.getRecords().get(0).getS3().getObject().getKey();
                Path fixture = ContractIT.ROOT.resolve("events").resolve(S3_FIXTURES.get(relative));
                putFixture(key, fixture);
            }
            if (S3_REPLAY_FIRST.containsKey(relative)) { // issue 8
                functions.invoke(function.logicalId(), EventLoader.loadS3Event(
                        ContractIT.ROOT.resolve("events").resolve(S3_REPLAY_FIRST.get(relative)).toString()));
            }
            Object result = functions.invoke(function.logicalId(), s3Event);
            assertNotNull(result);
            if (relative.startsWith("legacy-importer/")) { // issue 8
                assertTrue(S3_OUTCOMES.containsKey(relative), "add an expectation for " + relative);
                assertTrue(result.toString().matches(S3_OUTCOMES.get(relative)), relative + ": " + result);
            }
        } else if (name.startsWith("stream-")) {
            var response = (StreamsEventResponse) functions.invoke(function.logicalId(), EventLoader.loadDynamoDbEvent(file.toString()));
            assertEquals(List.of(), response.getBatchItemFailures());
        } else if (name.startsWith("schedule-")) {
            functions.invoke(function.logicalId(), EventLoader.loadScheduledEvent(file.toString()));
        } else {
            throw new AssertionError("events/ files are named <source>-<case>.json with source http|sqs|s3|stream|schedule: " + relative);
        }
    }

    /** Payment callback signatures expire after 5 minutes: samples marked SIGNED-AT-REPLAY are signed now, locally. */
    private static void signAtReplay(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event) {
        if (event.getHeaders() == null || !"SIGNED-AT-REPLAY".equals(event.getHeaders().get("x-signature"))) {
            return;
        }
        long now = java.time.Instant.now().getEpochSecond();
        var signature = new vn.dvc.core.payment.CallbackSignature(
                vn.dvc.local.LocalSuite.LOCAL_PARAMETERS.get("PaymentCallbackSecret"));
        var headers = new java.util.HashMap<>(event.getHeaders());
        headers.put("x-timestamp", Long.toString(now));
        headers.put("x-signature", signature.sign(now, event.getBody()));
        event.setHeaders(headers);
    }
}
