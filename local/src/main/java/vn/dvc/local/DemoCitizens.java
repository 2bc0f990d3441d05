package vn.dvc.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.dvc.aws.register.DynamoPopulationRegister;
import vn.dvc.core.json.Json;
import vn.dvc.core.register.CitizenRecord;

/**
 * The synthetic citizens of the local population register ({@code demo/citizens.json}, the one seed list), written
 * into the template's {@code RegisterTable}. Used by {@link DemoData} and by the tests. Idempotent.
 */
public final class DemoCitizens {
    private DemoCitizens() {}

    public record Seeded(CitizenRecord citizen, boolean simulateOutage) {}

    public static List<Seeded> list() {
        try (InputStream in = DemoCitizens.class.getResourceAsStream("/demo/citizens.json")) {
            JsonNode root = Json.MAPPER.readTree(in);
            List<Seeded> out = new ArrayList<>();
            for (JsonNode range : root.path("ranges")) {
                long from = Long.parseLong(range.path("personalIdFrom").asText());
                long to = Long.parseLong(range.path("personalIdTo").asText());
                for (long id = from; id <= to; id++) {
                    out.add(new Seeded(record(String.format("%012d", id), range), false));
                }
            }
            for (JsonNode c : root.path("citizens")) {
                out.add(new Seeded(record(c.path("personalId").asText(), c), c.path("simulateOutage").asBoolean(false)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CitizenRecord record(String personalId, JsonNode c) {
        List<String> categories = new ArrayList<>();
        c.path("categories").forEach(x -> categories.add(x.asText()));
        return new CitizenRecord(personalId, c.path("fullName").asText(), LocalDate.parse(c.path("dateOfBirth").asText()),
                c.path("residenceCommuneCode").asText(), categories);
    }

    /** Writes every seeded citizen into the suite's register table; returns how many. */
    public static int seed(LocalSuite suite) {
        return seed(suite.dynamo(), suite.names().tableName("RegisterTable"));
    }

    public static int seed(DynamoDbClient dynamo, String table) {
        List<Seeded> citizens = list();
        List<WriteRequest> writes = new ArrayList<>();
        for (Seeded s : citizens) {
            Map<String, AttributeValue> item = DynamoPopulationRegister.item(s.citizen(), s.simulateOutage());
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        for (int i = 0; i < writes.size(); i += 25) {
            List<WriteRequest> chunk = writes.subList(i, Math.min(writes.size(), i + 25));
            Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        return citizens.size();
    }
}
